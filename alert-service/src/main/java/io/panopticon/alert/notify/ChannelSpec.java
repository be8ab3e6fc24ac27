package io.panopticon.alert.notify;

import java.util.List;

/**
 * A checked channel definition, as stored.
 *
 * @param type what it sends to
 * @param name what people call it
 * @param url where HTTP channels post, null for e-mail
 * @param recipients where e-mail channels send, empty for the others
 * @param signingSecret the HMAC key of webhook channels, null for the others
 */
record ChannelSpec(ChannelType type, String name, String url, List<String> recipients, String signingSecret) {
}

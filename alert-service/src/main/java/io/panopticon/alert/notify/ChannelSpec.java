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
 * @param smtp an e-mail channel's own SMTP server, or null for the service's
 */
record ChannelSpec(ChannelType type, String name, String url, List<String> recipients, String signingSecret,
		ChannelSmtp smtp) {
}

package io.panopticon.alert.notify;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A notification channel as the API shows it: secrets are masked.
 *
 * @param id its id
 * @param type {@code slack}, {@code discord}, {@code teams}, {@code email} or
 * {@code webhook}
 * @param name what people call it
 * @param url the URL masked: scheme, host and the last four characters
 * @param recipients e-mail addresses (e-mail channels)
 * @param signingSecret the signing key masked (webhook channels)
 * @param smtp the channel's own SMTP server, its password never shown (e-mail channels)
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(long id, String type, String name, String url, List<String> recipients, String signingSecret,
		SmtpView smtp, Instant createdAt, String createdBy, Instant updatedAt) {
}

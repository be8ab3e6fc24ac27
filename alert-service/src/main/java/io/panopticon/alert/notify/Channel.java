package io.panopticon.alert.notify;

import java.time.Instant;
import java.util.List;

/**
 * A notification channel as the sender needs it, its secrets opened. Never answered as it
 * is: the API shows a {@link ChannelView}.
 *
 * @param id its id
 * @param type what it sends to
 * @param name what people call it
 * @param url where HTTP channels post (the secret of Slack, Discord and Teams webhooks)
 * @param recipients where e-mail channels send
 * @param signingSecret the HMAC-SHA256 key of webhook channels
 * @param smtp an e-mail channel's own SMTP server, or null for the service's
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it last changed
 */
record Channel(long id, ChannelType type, String name, String url, List<String> recipients, String signingSecret,
		ChannelSmtp smtp, Instant createdAt, String createdBy, Instant updatedAt) {

	ChannelView view() {
		return new ChannelView(this.id, this.type.value(), this.name, Masking.url(this.url), this.recipients,
				(this.signingSecret != null) ? Masking.secret(this.signingSecret) : null,
				(this.smtp != null) ? this.smtp.view() : null, this.createdAt, this.createdBy, this.updatedAt);
	}

}

package io.panopticon.alert.notify;

import java.util.List;

/**
 * A channel as {@code POST} and {@code PUT /api/channels} and {@code POST /api/webhooks}
 * take it. On {@code PUT}, a field left out keeps its value (the URL and secret are never
 * shown, so a client cannot send them back).
 *
 * @param type {@code slack}, {@code discord}, {@code teams}, {@code email} or
 * {@code webhook}
 * @param name what people call it; the URL's host by default
 * @param url where HTTP channels post ({@code http} or {@code https})
 * @param recipients e-mail addresses (e-mail channels)
 * @param secret the HMAC-SHA256 key of a webhook channel; generated and shown once when a
 * webhook channel is created without one
 * @param smtp an e-mail channel's own SMTP server, in place of the service's; on
 * {@code PUT}, a password left out keeps the stored one
 */
public record ChannelRequest(String type, String name, String url, List<String> recipients, String secret, Smtp smtp) {

	/**
	 * An e-mail channel's SMTP server as requested.
	 *
	 * @param host the server's host
	 * @param port its port, 587 if not given
	 * @param username the user to log in as
	 * @param password the user's password
	 * @param from the sender address
	 * @param startTls {@code required} (the default), {@code optional} or {@code off}
	 */
	public record Smtp(String host, Integer port, String username, String password, String from, String startTls) {
	}

}

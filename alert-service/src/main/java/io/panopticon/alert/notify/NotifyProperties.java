package io.panopticon.alert.notify;

import java.time.Duration;
import java.util.Locale;

import io.panopticon.common.autoconfigure.SettingChecks;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are delivered ({@code panopticon.notify.*}).
 *
 * @param deliveryEnabled whether this replica sends from the outbox (every replica does
 * by default; each row is sent by one)
 * @param pollInterval how often the outbox is read for due messages
 * @param batchSize how many due messages one read claims at most
 * @param senders how many messages are sent at once
 * @param requestTimeout how long connecting, and then waiting for an answer, may take
 * each; a timeout is retried
 * @param firstRetry the pause before the second attempt; doubled for each further one
 * @param maxRetry the longest pause between attempts (a receiver's {@code Retry-After} is
 * honoured even when longer, up to a day)
 * @param maxAttempts attempts before a message is given up as failed
 * @param retention how long delivered and failed messages, with their attempts, are kept;
 * older ones are deleted hourly
 * @param mail the SMTP server e-mail channels send through
 */
@ConfigurationProperties("panopticon.notify")
public record NotifyProperties(@DefaultValue("true") boolean deliveryEnabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("20") int batchSize, @DefaultValue("4") int senders, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("10s") Duration firstRetry, @DefaultValue("30m") Duration maxRetry,
		@DefaultValue("12") int maxAttempts, @DefaultValue("30d") Duration retention, @DefaultValue Mail mail) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if an interval or count is not positive
	 */
	public NotifyProperties {
		SettingChecks.positive(pollInterval, "panopticon.notify.poll-interval");
		SettingChecks.positive(batchSize, "panopticon.notify.batch-size");
		SettingChecks.positive(senders, "panopticon.notify.senders");
		SettingChecks.positive(requestTimeout, "panopticon.notify.request-timeout");
		SettingChecks.positive(firstRetry, "panopticon.notify.first-retry");
		SettingChecks.positive(maxRetry, "panopticon.notify.max-retry");
		SettingChecks.positive(maxAttempts, "panopticon.notify.max-attempts");
		SettingChecks.positive(retention, "panopticon.notify.retention");
		SettingChecks.require(firstRetry.compareTo(maxRetry) <= 0,
				"panopticon.notify.first-retry must not exceed panopticon.notify.max-retry");
	}

	/**
	 * How long a claimed message stays claimed: longer than its send can take, so no
	 * other replica sends it meanwhile, and short enough that a message claimed by a
	 * replica that died is sent soon after.
	 * @return the claim's length
	 */
	public Duration lease() {
		return this.requestTimeout.multipliedBy(4).plusSeconds(30);
	}

	/**
	 * The SMTP server ({@code panopticon.notify.mail.*}), sent to with Spring's mail
	 * support. E-mail channels fail while no host is set.
	 *
	 * @param host the server's host, or empty for none
	 * @param port its port (587, the submission port, by default)
	 * @param username the user to log in as, or empty to send without logging in
	 * @param password the user's password
	 * @param from the sender address of every message, required with a host
	 * @param startTls {@code required} (the default: the password and messages never
	 * travel in clear text), {@code optional} (upgraded when the server offers it) or
	 * {@code off}
	 */
	public record Mail(String host, @DefaultValue("587") int port, String username, String password, String from,
			@DefaultValue("required") String startTls) {

		/**
		 * Checks the server's settings.
		 * @throws IllegalArgumentException if the port, sender or STARTTLS mode is wrong
		 */
		public Mail {
			SettingChecks.require(port > 0 && port <= 65535,
					"panopticon.notify.mail.port must be between 1 and 65535, not " + port);
			SettingChecks.require(startTls != null && switch (startTls.toLowerCase(Locale.ROOT)) {
				case "required", "optional", "off" -> true;
				default -> false;
			}, "panopticon.notify.mail.start-tls must be required, optional or off, not '" + startTls + "'");
			startTls = startTls.toLowerCase(Locale.ROOT);
			if (host != null && !host.isBlank()) {
				SettingChecks.require(from != null && !from.isBlank(),
						"panopticon.notify.mail.from must be set when panopticon.notify.mail.host is");
				try {
					new InternetAddress(from, true).validate();
				}
				catch (AddressException ex) {
					throw new IllegalArgumentException(
							"panopticon.notify.mail.from must be an e-mail address, not '" + from + "'", ex);
				}
			}
		}

		/**
		 * @return whether a server is set
		 */
		public boolean configured() {
			return this.host != null && !this.host.isBlank();
		}

	}

}

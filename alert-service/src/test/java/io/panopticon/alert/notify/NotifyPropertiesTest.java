package io.panopticon.alert.notify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Delivery settings are checked at start-up, and the retry pauses follow them. */
class NotifyPropertiesTest {

	@Test
	void wrongSettingsStopTheStartWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ZERO, 12))
			.withMessageContaining("panopticon.notify.max-retry");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofMinutes(5), Duration.ofMinutes(1), 12))
			.withMessageContaining("panopticon.notify.first-retry");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
			.withMessageContaining("panopticon.notify.max-attempts");
		assertThatIllegalArgumentException().isThrownBy(() -> mail("smtp.example.com", null, "required"))
			.withMessageContaining("panopticon.notify.mail.from");
		assertThatIllegalArgumentException().isThrownBy(() -> mail("smtp.example.com", "not an address", "required"))
			.withMessageContaining("panopticon.notify.mail.from");
		assertThatIllegalArgumentException().isThrownBy(() -> mail("smtp.example.com", "a@example.com", "sometimes"))
			.withMessageContaining("panopticon.notify.mail.start-tls");
		assertThat(mail(null, null, "REQUIRED").configured()).isFalse();
		assertThat(mail("smtp.example.com", "alerts@example.com", "Off").startTls()).isEqualTo("off");
	}

	@Test
	void pausesDoubleUpToTheLongestAndRetryAfterWins() {
		NotifyProperties properties = properties(Duration.ofSeconds(10), Duration.ofMinutes(1), 12);
		Attempt failed = Attempt.retry(500, "HTTP 500", null);
		assertThat(DeliveryWorker.pause(properties, 1, failed)).isBetween(Duration.ofSeconds(9),
				Duration.ofSeconds(10));
		assertThat(DeliveryWorker.pause(properties, 2, failed)).isBetween(Duration.ofSeconds(18),
				Duration.ofSeconds(20));
		assertThat(DeliveryWorker.pause(properties, 3, failed)).isBetween(Duration.ofSeconds(36),
				Duration.ofSeconds(40));
		assertThat(DeliveryWorker.pause(properties, 30, failed)).isBetween(Duration.ofSeconds(54),
				Duration.ofMinutes(1));
		assertThat(DeliveryWorker.pause(properties, 1, Attempt.retry(429, "HTTP 429", Duration.ofMinutes(5))))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void startTlsRequiredIsTheDefaultAndMeansRequired() {
		var required = MailTransport.properties(mail("smtp.example.com", "a@example.com", "required"),
				Duration.ofSeconds(10));
		assertThat(required.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
		assertThat(required.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
		assertThat(required.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
		assertThat(required.getProperty("mail.smtp.timeout")).isEqualTo("10000");
		var optional = MailTransport.properties(mail("smtp.example.com", "a@example.com", "optional"),
				Duration.ofSeconds(10));
		assertThat(optional.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
		assertThat(optional.getProperty("mail.smtp.starttls.required")).isEqualTo("false");
		var off = MailTransport.properties(mail("smtp.example.com", "a@example.com", "off"), Duration.ofSeconds(10));
		assertThat(off.getProperty("mail.smtp.starttls.enable")).isEqualTo("false");
	}

	private static NotifyProperties properties(Duration firstRetry, Duration maxRetry, int maxAttempts) {
		return new NotifyProperties(true, Duration.ofSeconds(1), 20, 4, Duration.ofSeconds(10), firstRetry, maxRetry,
				maxAttempts, Duration.ofDays(30), mail(null, null, "required"));
	}

	private static NotifyProperties.Mail mail(String host, String from, String startTls) {
		return new NotifyProperties.Mail(host, 587, null, null, from, startTls);
	}

}

package io.panopticon.alert.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.panopticon.alert.AlertTestServers;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application context of the tests that deliver notifications for real: real
 * PostgreSQL, Kafka and Elasticsearch, delivery to loopback (where the {@link Receiver}s
 * and GreenMail listen) allowed, retries after a fraction of a second, and SLOs evaluated
 * every second by the service's own schedule. Every subclass shares one cached context
 * (and one SMTP server), so that no further servers start.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
public abstract class ChannelsContext {

	/**
	 * The SMTP server on loopback that the service's mail settings point to. It runs as
	 * long as the JVM, as the cached context that points to it does; tests tell their
	 * messages apart by recipient.
	 */
	protected static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		smtp.start();
		Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
	}

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		AlertTestServers.register(registry, "root-admin");
		// The receivers are on loopback, which the policy denies by default.
		registry.add("panopticon.outbound.allowed-networks", () -> "127.0.0.0/8,::1/128");
		// Short pauses, so that retries take a second rather than minutes.
		registry.add("panopticon.notify.poll-interval", () -> "100ms");
		registry.add("panopticon.notify.first-retry", () -> "200ms");
		registry.add("panopticon.notify.max-retry", () -> "2s");
		registry.add("panopticon.notify.mail.host", () -> "127.0.0.1");
		registry.add("panopticon.notify.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("panopticon.notify.mail.from", () -> "alerts@panopticon.test");
		// GreenMail offers no STARTTLS; "required", the default, is tested in
		// MailTransportTest.
		registry.add("panopticon.notify.mail.start-tls", () -> "optional");
		// The shortest interval allowed, so that an alert fires within a second.
		registry.add("panopticon.alert.evaluation.interval", () -> "1s");
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected JsonMapper json;

	protected ServiceClient client() {
		return new ServiceClient(this.port);
	}

	/**
	 * Creates a channel through the API.
	 * @param body the channel
	 * @return its id
	 */
	protected long create(String body) {
		Response created = client().send("POST", "/api/channels", TestTokens.token("reporter"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().path("id").isNumber()).isTrue();
		return created.json().path("id").asLong();
	}

	/**
	 * Waits until every message of the channel reached the state; fails after a minute.
	 * @param channelId the channel
	 * @param state {@code delivered}, {@code failed} or {@code pending}
	 */
	protected void awaitState(long channelId, String state) {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			Long open = this.jdbc.queryForObject(
					"select count(*) from notification_outbox where channel_id = ? and state <> ?", Long.class,
					channelId, state);
			Long all = this.jdbc.queryForObject("select count(*) from notification_outbox where channel_id = ?",
					Long.class, channelId);
			if (open == 0 && all > 0) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("channel " + channelId + " has " + open + " messages not " + state);
			}
			Receiver.pause();
		}
	}

	/**
	 * Waits until the SMTP server received at least the given number of messages for a
	 * recipient; fails after a minute.
	 * @param recipient the address
	 * @param count how many
	 * @return the messages for the recipient, in the order received
	 */
	protected static List<MimeMessage> awaitMail(String recipient, int count) {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			List<MimeMessage> received = mailFor(recipient);
			if (received.size() >= count) {
				return received;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"expected " + count + " messages for " + recipient + ", got " + received.size());
			}
			Receiver.pause();
		}
	}

	/**
	 * @param recipient an address
	 * @return the messages the SMTP server received for it so far
	 */
	protected static List<MimeMessage> mailFor(String recipient) {
		List<MimeMessage> received = new ArrayList<>();
		try {
			for (MimeMessage message : smtp.getReceivedMessages()) {
				var to = message.getRecipients(Message.RecipientType.TO);
				if (to != null && to.length > 0 && to[0].toString().equals(recipient)) {
					received.add(message);
				}
			}
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return received;
	}

}

package io.panopticon.alert.notify;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import io.panopticon.alert.outbound.OutboundPolicy;
import io.panopticon.alert.outbound.PolicySocketFactory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends e-mail channels' messages with Spring's mail support, through the channel's own
 * SMTP server or else that of {@code panopticon.notify.mail.*}: a text and an HTML part,
 * STARTTLS as the settings say, and the delivery id in a header. A channel's own server
 * is chosen by users, so its connection passes the outbound address policy; the service's
 * is the operator's, and is trusted.
 */
final class MailTransport {

	private final NotifyProperties.Mail settings;

	private final JavaMailSenderImpl sender;

	private final PolicySocketFactory policySockets;

	private final Duration timeout;

	MailTransport(NotifyProperties.Mail settings, Duration timeout, OutboundPolicy policy) {
		this.settings = settings;
		this.timeout = timeout;
		this.policySockets = new PolicySocketFactory(policy);
		this.sender = settings.configured() ? sender(settings, properties(settings, timeout)) : null;
	}

	static Properties properties(NotifyProperties.Mail settings, Duration timeout) {
		Properties properties = new Properties();
		String millis = Long.toString(timeout.toMillis());
		properties.setProperty("mail.smtp.connectiontimeout", millis);
		properties.setProperty("mail.smtp.timeout", millis);
		properties.setProperty("mail.smtp.writetimeout", millis);
		properties.setProperty("mail.smtp.auth",
				Boolean.toString(settings.username() != null && !settings.username().isBlank()));
		boolean startTls = !settings.startTls().equals("off");
		properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
		properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls().equals("required")));
		if (startTls) {
			properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		}
		return properties;
	}

	private static JavaMailSenderImpl sender(NotifyProperties.Mail settings, Properties properties) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(settings.host());
		sender.setPort(settings.port());
		if (settings.username() != null && !settings.username().isBlank()) {
			sender.setUsername(settings.username());
			sender.setPassword(settings.password());
		}
		sender.setJavaMailProperties(properties);
		return sender;
	}

	Attempt send(Channel channel, AlertNotification notification, UUID deliveryId) {
		NotifyProperties.Mail server = this.settings;
		JavaMailSenderImpl sender = this.sender;
		if (channel.smtp() != null) {
			server = channel.smtp().settings();
			Properties properties = properties(server, this.timeout);
			// Connections only where the outbound policy allows, to the address it
			// checked.
			properties.put("mail.smtp.socketFactory", this.policySockets);
			properties.setProperty("mail.smtp.socketFactory.fallback", "false");
			sender = sender(server, properties);
		}
		if (sender == null) {
			return Attempt.failed(null, "no SMTP server: set panopticon.notify.mail.host and "
					+ "panopticon.notify.mail.from, or the channel's smtp");
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(server.from());
			helper.setTo(channel.recipients().toArray(String[]::new));
			helper.setSubject(AlertText.fit(AlertText.title(notification), 200));
			helper.setText(EmailMessage.text(notification), EmailMessage.html(notification));
			message.setHeader(HttpTransport.DELIVERY_ID, deliveryId.toString());
			sender.send(message);
			return Attempt.delivered(null);
		}
		catch (MailAuthenticationException | MailParseException | MailPreparationException ex) {
			return Attempt.failed(null, ex.getMessage());
		}
		catch (MailException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("outbound address policy denies")) {
				return Attempt.failed(null, ex.getMessage());
			}
			// Connection failures, timeouts and refusals by the server: worth another
			// try.
			return Attempt.retry(null, ex.getMessage(), null);
		}
		catch (MessagingException ex) {
			return Attempt.failed(null, ex.getMessage());
		}
	}

}

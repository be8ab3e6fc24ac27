package io.panopticon.alert.notify;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends e-mail channels' messages through the SMTP server of
 * {@code panopticon.notify.mail.*} with Spring's mail support: a text and an HTML part,
 * STARTTLS as the settings say, and the delivery id in a header.
 */
final class MailTransport {

	private final NotifyProperties.Mail settings;

	private final JavaMailSenderImpl sender;

	MailTransport(NotifyProperties.Mail settings, Duration timeout) {
		this.settings = settings;
		this.sender = new JavaMailSenderImpl();
		if (settings.configured()) {
			this.sender.setHost(settings.host());
			this.sender.setPort(settings.port());
			if (settings.username() != null && !settings.username().isBlank()) {
				this.sender.setUsername(settings.username());
				this.sender.setPassword(settings.password());
			}
			this.sender.setJavaMailProperties(properties(settings, timeout));
		}
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

	Attempt send(Channel channel, AlertNotification notification, UUID deliveryId) {
		if (!this.settings.configured()) {
			return Attempt.failed(null,
					"no SMTP server: set panopticon.notify.mail.host and panopticon.notify.mail.from");
		}
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.settings.from());
			helper.setTo(channel.recipients().toArray(String[]::new));
			helper.setSubject(AlertText.fit(AlertText.title(notification), 200));
			helper.setText(EmailMessage.text(notification), EmailMessage.html(notification));
			message.setHeader(HttpTransport.DELIVERY_ID, deliveryId.toString());
			this.sender.send(message);
			return Attempt.delivered(null);
		}
		catch (MailAuthenticationException | MailParseException | MailPreparationException ex) {
			return Attempt.failed(null, ex.getMessage());
		}
		catch (MailException ex) {
			// Connection failures, timeouts and refusals by the server: worth another
			// try.
			return Attempt.retry(null, ex.getMessage(), null);
		}
		catch (MessagingException ex) {
			return Attempt.failed(null, ex.getMessage());
		}
	}

}

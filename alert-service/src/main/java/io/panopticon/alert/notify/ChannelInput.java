package io.panopticon.alert.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.panopticon.common.web.InvalidParameterException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks channel requests; every refusal names the field. Nothing here resolves host
 * names: the outbound address policy judges the resolved address at send time.
 */
final class ChannelInput {

	static final int MAX_NAME = 128;

	static final int MAX_URL = 2048;

	static final int MAX_RECIPIENTS = 50;

	static final int MIN_SECRET = 16;

	static final int MAX_SECRET = 256;

	private static final SecureRandom random = new SecureRandom();

	private ChannelInput() {
	}

	/**
	 * A new channel.
	 * @param request what the caller sent
	 * @param inferType whether a missing type is taken from the URL ({@code POST
	 * /api/webhooks}) rather than refused
	 * @return the checked channel, with a generated signing key for a webhook channel
	 * that brought none
	 */
	static ChannelSpec create(ChannelRequest request, boolean inferType) {
		ChannelType type = type(request.type(), inferType ? request.url() : null);
		String url = (type != ChannelType.EMAIL) ? url(request.url()) : absent("url", request.url(), type);
		List<String> recipients = (type == ChannelType.EMAIL) ? recipients(request.recipients())
				: absentList(request.recipients(), type);
		String secret = null;
		if (type == ChannelType.WEBHOOK) {
			secret = (request.secret() != null) ? secret(request.secret()) : generatedSecret();
		}
		else {
			absent("secret", request.secret(), type);
		}
		ChannelSmtp smtp = (type == ChannelType.EMAIL) ? smtp(request.smtp(), null) : absentSmtp(request.smtp(), type);
		return new ChannelSpec(type, name(request.name(), url, recipients, type), url, recipients, secret, smtp);
	}

	/**
	 * A changed channel: fields left out keep their values.
	 * @param existing the channel as stored
	 * @param request what the caller sent
	 * @return the checked channel
	 */
	static ChannelSpec update(Channel existing, ChannelRequest request) {
		ChannelType type = existing.type();
		if (request.type() != null && type(request.type(), null) != type) {
			throw new InvalidParameterException("type",
					"cannot change from " + type.value() + "; create a new channel instead");
		}
		String url = existing.url();
		List<String> recipients = existing.recipients();
		ChannelSmtp smtp = existing.smtp();
		if (type == ChannelType.EMAIL) {
			absent("url", request.url(), type);
			if (request.recipients() != null) {
				recipients = recipients(request.recipients());
			}
			if (request.smtp() != null) {
				smtp = smtp(request.smtp(), existing.smtp());
			}
		}
		else {
			absentList(request.recipients(), type);
			absentSmtp(request.smtp(), type);
			if (request.url() != null) {
				url = url(request.url());
			}
		}
		String secret = existing.signingSecret();
		if (request.secret() != null) {
			if (type != ChannelType.WEBHOOK) {
				absent("secret", request.secret(), type);
			}
			secret = secret(request.secret());
		}
		String name = (request.name() != null) ? name(request.name(), url, recipients, type) : existing.name();
		return new ChannelSpec(type, name, url, recipients, secret, smtp);
	}

	private static ChannelType type(String value, String urlToInferFrom) {
		if (value == null || value.isBlank()) {
			if (urlToInferFrom != null) {
				return inferred(urlToInferFrom);
			}
			throw new InvalidParameterException("type", "is required: slack, discord, teams, email or webhook");
		}
		ChannelType type = ChannelType.of(value);
		if (type == null) {
			throw new InvalidParameterException("type", "must be slack, discord, teams, email or webhook");
		}
		return type;
	}

	/** The type a webhook URL's host tells, else a generic webhook. */
	private static ChannelType inferred(String url) {
		String host;
		try {
			host = new URI(url.trim()).getHost();
		}
		catch (URISyntaxException ex) {
			return ChannelType.WEBHOOK;
		}
		host = (host != null) ? host.toLowerCase(Locale.ROOT) : "";
		if (host.equals("hooks.slack.com")) {
			return ChannelType.SLACK;
		}
		if ((host.equals("discord.com") || host.equals("discordapp.com")) && url.contains("/api/webhooks/")) {
			return ChannelType.DISCORD;
		}
		if (host.endsWith(".logic.azure.com") || host.endsWith("powerautomate.com")
				|| host.endsWith("powerplatform.com")) {
			return ChannelType.TEAMS;
		}
		return ChannelType.WEBHOOK;
	}

	private static String name(String value, String url, List<String> recipients, ChannelType type) {
		String name = (value != null) ? value.strip() : "";
		if (name.isEmpty()) {
			if (value != null) {
				throw new InvalidParameterException("name", "must not be blank");
			}
			name = type.value() + " " + ((url != null) ? URI.create(url).getHost() : String.join(", ", recipients));
			name = (name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) : name;
		}
		if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidParameterException("name",
					"must have at most " + MAX_NAME + " characters and no control characters");
		}
		return name;
	}

	private static String url(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidParameterException("url", "is required");
		}
		String url = value.trim();
		if (url.length() > MAX_URL) {
			throw new InvalidParameterException("url", "must have at most " + MAX_URL + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new InvalidParameterException("url", "is not a URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new InvalidParameterException("url", "must be an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new InvalidParameterException("url", "has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidParameterException("url", "must not hold a user name or password");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidParameterException("url", "must not hold a fragment ('#')");
		}
		return url;
	}

	private static List<String> recipients(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidParameterException("recipients", "is required: a list of e-mail addresses");
		}
		if (values.size() > MAX_RECIPIENTS) {
			throw new InvalidParameterException("recipients", "must hold at most " + MAX_RECIPIENTS + " addresses");
		}
		List<String> recipients = new ArrayList<>();
		for (String value : values) {
			String address = (value != null) ? value.trim() : "";
			if (!plainAddress(address)) {
				throw new InvalidParameterException("recipients", "'" + value + "' is not an e-mail address");
			}
			recipients.add(address);
		}
		return List.copyOf(recipients);
	}

	/**
	 * An e-mail channel's own SMTP server; a password left out keeps the stored one.
	 */
	private static ChannelSmtp smtp(ChannelRequest.Smtp request, ChannelSmtp existing) {
		if (request == null) {
			return null;
		}
		String host = (request.host() != null) ? request.host().trim() : "";
		if (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9._:\\[\\]-]+")) {
			throw new InvalidParameterException("smtp.host", "must be a host name or address");
		}
		int port = (request.port() != null) ? request.port() : 587;
		if (port < 1 || port > 65535) {
			throw new InvalidParameterException("smtp.port", "must be between 1 and 65535");
		}
		String username = blankToNull(request.username());
		if (username != null && (username.length() > 256 || username.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidParameterException("smtp.username",
					"must have at most 256 characters and no control characters");
		}
		String password = request.password();
		if (password == null && existing != null && username != null && username.equals(existing.username())) {
			password = existing.password();
		}
		if (password != null && (password.length() > 1024 || password.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidParameterException("smtp.password",
					"must have at most 1024 characters and no control characters");
		}
		if (username != null && password == null) {
			throw new InvalidParameterException("smtp.password", "is required with a user name");
		}
		String startTls = (request.startTls() != null) ? request.startTls().trim().toLowerCase(Locale.ROOT)
				: "required";
		if (!List.of("required", "optional", "off").contains(startTls)) {
			throw new InvalidParameterException("smtp.startTls", "must be required, optional or off");
		}
		String from = (request.from() != null) ? request.from().trim() : "";
		if (!plainAddress(from)) {
			throw new InvalidParameterException("smtp.from", "must be an e-mail address");
		}
		return new ChannelSmtp(host, port, username, password, from, startTls);
	}

	private static ChannelSmtp absentSmtp(ChannelRequest.Smtp value, ChannelType type) {
		if (value != null) {
			throw new InvalidParameterException("smtp", "is not a field of " + type.value() + " channels");
		}
		return null;
	}

	private static boolean plainAddress(String address) {
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			parsed.validate();
			return parsed.getPersonal() == null && address.equals(parsed.getAddress());
		}
		catch (AddressException ex) {
			return false;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String secret(String value) {
		if (value.length() < MIN_SECRET || value.length() > MAX_SECRET
				|| value.chars().anyMatch((c) -> c < 0x21 || c > 0x7e)) {
			throw new InvalidParameterException("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET
					+ " printable ASCII characters without spaces; leave it out to have one generated");
		}
		return value;
	}

	private static String generatedSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String absent(String field, String value, ChannelType type) {
		if (value != null) {
			throw new InvalidParameterException(field, "is not a field of " + type.value() + " channels");
		}
		return null;
	}

	private static List<String> absentList(List<String> value, ChannelType type) {
		if (value != null) {
			throw new InvalidParameterException("recipients", "is not a field of " + type.value() + " channels");
		}
		return List.of();
	}

}

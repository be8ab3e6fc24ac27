package io.panopticon.common.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks alert-service's {@code POST /api/auth/introspect} what an API key grants, and
 * keeps each answer (active or not) for at most {@code cacheTtl}, so a revocation takes
 * effect within that time while a busy SDK costs one call a minute. The cache is keyed by
 * the key's SHA-256, never the key itself, and holds at most {@value #MAX_ENTRIES}
 * answers. Thread-safe.
 */
public final class IntrospectionClient implements ApiKeyIntrospector {

	static final int MAX_ENTRIES = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI uri;

	private final Duration timeout;

	private final Duration cacheTtl;

	private final Clock clock;

	private final HttpClient http;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	/**
	 * @param uri alert-service's introspection endpoint
	 * @param timeout how long a call may take
	 * @param cacheTtl how long an answer is kept (at most a minute is sensible)
	 * @param clock the time source
	 */
	public IntrospectionClient(URI uri, Duration timeout, Duration cacheTtl, Clock clock) {
		this.uri = uri;
		this.timeout = timeout;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public Optional<VerifiedToken> introspect(String apiKey) {
		String id = sha256(apiKey);
		Instant now = this.clock.instant();
		Answer cached = this.answers.get(id);
		if (cached != null && now.isBefore(cached.until())) {
			return cached.token();
		}
		Optional<VerifiedToken> token = ask(apiKey);
		if (this.answers.size() >= MAX_ENTRIES) {
			this.answers.clear();
		}
		this.answers.put(id, new Answer(token, now.plus(this.cacheTtl)));
		return token;
	}

	private Optional<VerifiedToken> ask(String apiKey) {
		String body = JSON.writeValueAsString(Map.of("token", apiKey));
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new InvalidTokenException("the API key cannot be checked now (alert-service does not answer)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidTokenException("the API key cannot be checked now", ex);
		}
		if (response.statusCode() != 200) {
			throw new InvalidTokenException(
					"the API key cannot be checked now (alert-service answered " + response.statusCode() + ")");
		}
		return read(JSON.readTree(response.body()));
	}

	static Optional<VerifiedToken> read(JsonNode answer) {
		if (!answer.path("active").asBoolean(false)) {
			return Optional.empty();
		}
		Role role = Role.fromClaim(answer.path("role").asString(null));
		Instant expiry = answer.hasNonNull("exp") ? Instant.ofEpochSecond(answer.get("exp").asLong()) : null;
		return Optional.of(new VerifiedToken(answer.path("sub").asString(null), role, expiry));
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	private record Answer(Optional<VerifiedToken> token, Instant until) {
	}

}

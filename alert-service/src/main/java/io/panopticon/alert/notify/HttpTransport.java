package io.panopticon.alert.notify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.panopticon.alert.outbound.OutboundPolicy;
import io.panopticon.alert.outbound.OutboundPolicy.DeniedAddressException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts JSON to HTTP channels. Host names are resolved through the
 * {@link OutboundPolicy}, and the connection goes to an address it returned, so the
 * address checked is the address reached. Redirects are not followed (a redirect could
 * lead where the policy would not allow), and nothing is retried here: the outbox
 * decides.
 */
final class HttpTransport implements AutoCloseable {

	static final String DELIVERY_ID = "X-Panopticon-Delivery-Id";

	static final String TIMESTAMP = "X-Panopticon-Timestamp";

	static final String SIGNATURE = "X-Panopticon-Signature";

	/** Longer {@code Retry-After}s are cut to this. */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	private static final int MAX_ERROR_BODY = 300;

	private final CloseableHttpClient client;

	private final Clock clock;

	HttpTransport(OutboundPolicy policy, Duration timeout, int connections, Clock clock) {
		this.clock = clock;
		Timeout limit = Timeout.of(timeout);
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new PolicyResolver(policy))
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.setMaxConnTotal(connections * 2)
				.setMaxConnPerRoute(connections)
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("Panopticon-Notifier/1")
			.build();
	}

	/**
	 * Posts a body.
	 * @param url where to
	 * @param body the JSON bytes
	 * @param deliveryId the message's delivery id, sent in {@value #DELIVERY_ID}
	 * @param signingSecret the key to sign with, or null to send no signature
	 * @return what came of it
	 */
	Attempt post(String url, byte[] body, UUID deliveryId, String signingSecret) {
		HttpPost post = new HttpPost(url);
		post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
		post.setHeader(DELIVERY_ID, deliveryId.toString());
		if (signingSecret != null) {
			String timestamp = Long.toString(this.clock.instant().getEpochSecond());
			post.setHeader(TIMESTAMP, timestamp);
			post.setHeader(SIGNATURE, WebhookSignature.sign(signingSecret, timestamp, body));
		}
		try {
			return this.client.execute(post, (response) -> {
				int status = response.getCode();
				// Only the start of an answer is kept, for the attempt's error.
				String answer = (response.getEntity() != null)
						? EntityUtils.toString(response.getEntity(), MAX_ERROR_BODY * 4) : "";
				if (status >= 200 && status < 300) {
					return Attempt.delivered(status);
				}
				String error = "HTTP " + status + errorBody(answer);
				if (status == 429 || status >= 500) {
					return Attempt.retry(status, error, retryAfter(response.getFirstHeader("Retry-After")));
				}
				if (status >= 300 && status < 400) {
					Header location = response.getFirstHeader("Location");
					return Attempt.failed(status, error + "; redirects are not followed"
							+ ((location != null) ? ", set the channel's URL to where it leads" : ""));
				}
				return Attempt.failed(status, error);
			});
		}
		catch (DeniedAddressException ex) {
			return Attempt.failed(null, ex.getMessage());
		}
		catch (InterruptedIOException ex) {
			// Connect and read timeouts alike.
			return Attempt.retry(null, "timed out: " + ex.getMessage(), null);
		}
		catch (UnknownHostException ex) {
			return Attempt.retry(null, "unknown host " + ex.getMessage(), null);
		}
		catch (IOException ex) {
			return Attempt.retry(null, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
	}

	private static String errorBody(String answer) {
		String trimmed = answer.strip();
		return trimmed.isEmpty() ? "" : ": " + AlertText.fit(trimmed.replaceAll("\\s+", " "), MAX_ERROR_BODY);
	}

	/** Seconds or an HTTP date; anything else counts as absent. */
	Duration retryAfter(Header header) {
		if (header == null || header.getValue() == null) {
			return null;
		}
		String value = header.getValue().trim();
		Duration after;
		if (value.matches("\\d{1,9}")) {
			after = Duration.ofSeconds(Long.parseLong(value));
		}
		else {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				after = Duration.between(this.clock.instant(), at);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (after.isNegative()) {
			return Duration.ZERO;
		}
		return (after.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : after;
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

	/** The client's DNS: the outbound policy's allowed addresses only. */
	private record PolicyResolver(OutboundPolicy policy) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			return this.policy.resolve(host);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return this.policy.resolve(host)[0].getCanonicalHostName();
		}

	}

}

package io.panopticon.ingest.receiver;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the telemetry receivers ({@code panopticon.ingest.receiver.*}): OTLP/HTTP
 * and Zipkin on the service port and their standard ports, OTLP/gRPC.
 * <p>
 * A port of {@code -1} turns that listener off; {@code 0} takes any free port (for
 * tests).
 *
 * @param otlpHttpPort the extra port that serves {@code /v1/traces} and {@code /v1/logs}
 * only ({@code PANOPTICON_OTLP_HTTP_PORT}); the service port serves them too
 * @param otlpGrpcPort the OTLP/gRPC port ({@code PANOPTICON_OTLP_GRPC_PORT})
 * @param zipkinPort the extra port that serves {@code /api/v2/spans} only
 * ({@code PANOPTICON_ZIPKIN_PORT}); the service port serves it too
 * @param maxBodySize the largest request body accepted, after decompression; larger ones
 * are answered 413 (gRPC: {@code RESOURCE_EXHAUSTED})
 * @param publishTimeout how long a request waits for Kafka to acknowledge its records
 * before it is answered 503 (gRPC: {@code UNAVAILABLE})
 * @param retryAfter what the {@code Retry-After} header of a 503 tells clients
 */
@ConfigurationProperties("panopticon.ingest.receiver")
public record ReceiverProperties(@DefaultValue("4318") int otlpHttpPort, @DefaultValue("4317") int otlpGrpcPort,
		@DefaultValue("9411") int zipkinPort, @DefaultValue("8MB") DataSize maxBodySize,
		@DefaultValue("10s") Duration publishTimeout, @DefaultValue("5s") Duration retryAfter) {

	/** The port value that turns a listener off. */
	public static final int DISABLED = -1;

	private static final String PREFIX = "panopticon.ingest.receiver.";

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public ReceiverProperties {
		port(otlpHttpPort, "otlp-http-port");
		port(otlpGrpcPort, "otlp-grpc-port");
		port(zipkinPort, "zipkin-port");
		SettingChecks.positive(maxBodySize, PREFIX + "max-body-size");
		SettingChecks.require(maxBodySize.toBytes() <= Integer.MAX_VALUE - 8,
				PREFIX + "max-body-size must be below 2GB, not " + maxBodySize);
		SettingChecks.require(publishTimeout.toMillis() >= 100,
				PREFIX + "publish-timeout must be at least 100ms, not " + publishTimeout);
		SettingChecks.positive(retryAfter, PREFIX + "retry-after");
	}

	private static void port(int port, String name) {
		SettingChecks.require(port >= DISABLED && port <= 65535,
				PREFIX + name + " must be -1 (off), 0 (any free port) or 1-65535, not " + port);
	}
}

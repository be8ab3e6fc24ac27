package io.panopticon.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The content of one rollup document ({@code docs/formats.md}, "Rollup documents"), as
 * {@link RollupDocuments} writes it.
 *
 * @param resolution {@code 1m} or {@code 1h}
 * @param bucket the start of the rolled-up minute or hour
 * @param kind {@code service}, {@code endpoint} or {@code edge}
 * @param serviceName the service; of an edge, the caller
 * @param environment the environment, or {@code null}
 * @param endpoint the endpoint of an endpoint rollup, else {@code null}
 * @param httpMethod the HTTP method of an endpoint rollup, or {@code null}
 * @param callee the called service of an edge, else {@code null}
 * @param requests requests (or calls), at least 1
 * @param errors how many of them failed
 * @param durationMinMicros the smallest duration
 * @param durationMaxMicros the largest duration
 * @param durationSumMicros the summed duration
 * @param latency count per latency bucket index, in ascending order of the index
 */
public record RollupDocument(String resolution, Instant bucket, String kind, String serviceName, String environment,
		String endpoint, String httpMethod, String callee, long requests, long errors, long durationMinMicros,
		long durationMaxMicros, long durationSumMicros, SortedMap<Integer, Long> latency) {

	/**
	 * Checks the required values.
	 * @throws IllegalArgumentException if there is no request: an empty rollup is never
	 * written
	 */
	public RollupDocument {
		Objects.requireNonNull(resolution, "resolution");
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(serviceName, "serviceName");
		Objects.requireNonNull(latency, "latency");
		if (requests < 1) {
			throw new IllegalArgumentException(
					"an empty rollup is never written: " + kind + " " + serviceName + " " + bucket);
		}
	}

}

package io.panopticon.storage.sli;

import java.util.Objects;

/**
 * Which requests a service level indicator counts.
 *
 * @param serviceName the service
 * @param environment only this environment, or {@code null} for all
 * @param endpoint only this endpoint (the span documents' {@code endpoint}, such as
 * {@code GET /orders/{id}}), or {@code null} for the whole service
 * @param fastBucket the highest latency bucket
 * ({@link io.panopticon.common.histogram.LatencyHistogram#bucketOf}) that counts as fast,
 * or {@code null} when fast requests are not counted
 */
public record RequestSelector(String serviceName, String environment, String endpoint, Integer fastBucket) {

	public RequestSelector {
		Objects.requireNonNull(serviceName, "serviceName");
	}

}

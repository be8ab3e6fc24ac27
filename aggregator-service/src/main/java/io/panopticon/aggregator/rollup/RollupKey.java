package io.panopticon.aggregator.rollup;

import java.util.Objects;

/**
 * What one rollup counts, apart from its bucket.
 *
 * @param kind service, endpoint or edge
 * @param serviceName the service; for an edge, the caller
 * @param environment the environment, or {@code null} when the spans had none
 * @param endpoint the endpoint, for {@link RollupKind#ENDPOINT} only, else {@code null}
 * @param callee the called service or peer, for {@link RollupKind#EDGE} only, else
 * {@code null}
 */
public record RollupKey(RollupKind kind, String serviceName, String environment, String endpoint, String callee) {

	/**
	 * Validates the key.
	 * @throws IllegalArgumentException if a field required by the kind is missing or one
	 * it does not have is set
	 */
	public RollupKey {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(serviceName, "serviceName");
		if (kind == RollupKind.MARKER) {
			throw new IllegalArgumentException("a marker has no rollup key");
		}
		if ((kind == RollupKind.ENDPOINT) != (endpoint != null)) {
			throw new IllegalArgumentException("endpoint is set exactly for endpoint rollups");
		}
		if ((kind == RollupKind.EDGE) != (callee != null)) {
			throw new IllegalArgumentException("callee is set exactly for edge rollups");
		}
	}

	/**
	 * Returns the key of a service rollup.
	 * @param serviceName the service
	 * @param environment the environment or {@code null}
	 * @return the key
	 */
	public static RollupKey service(String serviceName, String environment) {
		return new RollupKey(RollupKind.SERVICE, serviceName, environment, null, null);
	}

	/**
	 * Returns the key of an endpoint rollup.
	 * @param serviceName the service
	 * @param environment the environment or {@code null}
	 * @param endpoint the endpoint
	 * @return the key
	 */
	public static RollupKey endpoint(String serviceName, String environment, String endpoint) {
		return new RollupKey(RollupKind.ENDPOINT, serviceName, environment, endpoint, null);
	}

	/**
	 * Returns the key of an edge rollup.
	 * @param caller the calling service
	 * @param environment the caller's environment or {@code null}
	 * @param callee the called service or peer
	 * @return the key
	 */
	public static RollupKey edge(String caller, String environment, String callee) {
		return new RollupKey(RollupKind.EDGE, caller, environment, null, callee);
	}

}

package io.panopticon.query.metrics;

/**
 * What a metrics query is narrowed to; {@code null} means no narrowing.
 *
 * @param service exactly this service (the caller, for edges)
 * @param environment exactly this environment
 * @param serviceNameContains services whose name contains this text, ignoring case
 */
public record Filters(String service, String environment, String serviceNameContains) {

	/** No narrowing. */
	public static final Filters NONE = new Filters(null, null, null);

}

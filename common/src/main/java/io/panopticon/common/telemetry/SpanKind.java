package io.panopticon.common.telemetry;

/**
 * The role a span plays in a call, as in OpenTelemetry. {@link #INTERNAL} is the default
 * when a producer does not say.
 */
public enum SpanKind {

	/** Handles a synchronous request from a remote caller; counts as a request. */
	SERVER,

	/** Makes a synchronous request to a remote service. */
	CLIENT,

	/** Hands a message to a broker. */
	PRODUCER,

	/** Processes a message from a broker; counts as a request. */
	CONSUMER,

	/** Work inside one process. */
	INTERNAL

}

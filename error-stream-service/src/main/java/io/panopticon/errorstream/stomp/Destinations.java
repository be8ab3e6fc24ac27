package io.panopticon.errorstream.stomp;

import java.util.Optional;

/**
 * The destinations a client may subscribe to: {@code /topic/error-logs} for every
 * service's error logs and {@code /topic/error-logs.<service>} for one service's.
 */
final class Destinations {

	/** Every service's error logs. */
	static final String ALL = "/topic/error-logs";

	private static final String SERVICE_PREFIX = ALL + ".";

	private Destinations() {
	}

	/**
	 * Reads a SUBSCRIBE destination.
	 * @param destination the destination header
	 * @return the service it is limited to, or empty for every service
	 * @throws IllegalArgumentException if it names no error-log destination
	 */
	static Optional<String> serviceOf(String destination) {
		if (ALL.equals(destination)) {
			return Optional.empty();
		}
		if (destination != null && destination.startsWith(SERVICE_PREFIX)
				&& destination.length() > SERVICE_PREFIX.length()) {
			return Optional.of(destination.substring(SERVICE_PREFIX.length()));
		}
		throw new IllegalArgumentException(
				"unknown destination; subscribe to " + ALL + " or " + SERVICE_PREFIX + "<service>");
	}

	/**
	 * The destination of one service's error logs.
	 * @param service the service name
	 * @return the destination
	 */
	static String ofService(String service) {
		return SERVICE_PREFIX + service;
	}

}

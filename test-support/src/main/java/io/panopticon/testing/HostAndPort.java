package io.panopticon.testing;

/**
 * A server address.
 *
 * @param host host name or IP address
 * @param port TCP port
 */
record HostAndPort(String host, int port) {

	/**
	 * Parse {@code host:port}; an IPv6 address goes in brackets ({@code [::1]:6379}).
	 * @param text the address
	 * @return the parsed address
	 * @throws IllegalArgumentException when {@code text} is not {@code host:port}
	 */
	static HostAndPort parse(String text) {
		String trimmed = text.trim();
		int colon = trimmed.lastIndexOf(':');
		if (colon <= 0 || colon == trimmed.length() - 1) {
			throw new IllegalArgumentException("Expected host:port, got '" + text + "'");
		}
		String host = trimmed.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		try {
			return new HostAndPort(host, Integer.parseInt(trimmed.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Expected host:port, got '" + text + "'", ex);
		}
	}

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}

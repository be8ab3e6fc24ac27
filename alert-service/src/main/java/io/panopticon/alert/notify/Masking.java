package io.panopticon.alert.notify;

import java.net.URI;

/** How secrets are shown: enough to recognise them, never enough to use them. */
final class Masking {

	private static final int SHOWN = 4;

	private Masking() {
	}

	/**
	 * @param url a channel URL, or null
	 * @return its scheme, host and port, and the last four characters, or null
	 */
	static String url(String url) {
		if (url == null) {
			return null;
		}
		URI uri = URI.create(url);
		String origin = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		String rest = url.substring(Math.min(url.length(), origin.length()));
		return origin + ((rest.length() > SHOWN * 3) ? "/…" + rest.substring(rest.length() - SHOWN) : "/…");
	}

	/**
	 * @param secret a secret
	 * @return an ellipsis and its last four characters
	 */
	static String secret(String secret) {
		return "…" + ((secret.length() > SHOWN * 3) ? secret.substring(secret.length() - SHOWN) : "");
	}

}

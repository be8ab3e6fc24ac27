package io.panopticon.query.search;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that signs paging cursors ({@code panopticon.query.cursor.*}).
 *
 * @param key the HMAC-SHA256 key, at least {@value #MIN_KEY_BYTES} bytes of text
 * ({@code PANOPTICON_CURSOR_KEY}). Every replica behind one address needs the same key,
 * or a cursor issued by one is refused by the next. Blank means a random key per start,
 * with a warning: cursors then stop working at every restart and across replicas
 */
@ConfigurationProperties("panopticon.query.cursor")
public record CursorProperties(@DefaultValue("") String key) {

	/** The shortest key accepted: as many bytes as the HMAC-SHA256 output. */
	public static final int MIN_KEY_BYTES = 32;

	/**
	 * Checks the key's length.
	 * @throws IllegalArgumentException if a key is given and it is too short
	 */
	public CursorProperties {
		key = (key != null) ? key.strip() : "";
		if (!key.isEmpty() && key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
			throw new IllegalArgumentException("panopticon.query.cursor.key (PANOPTICON_CURSOR_KEY) must be at least "
					+ MIN_KEY_BYTES + " bytes long, or blank for a random key per start");
		}
	}

	/**
	 * Returns whether a key is configured.
	 * @return {@code false} when a random key is used
	 */
	public boolean hasKey() {
		return !this.key.isEmpty();
	}

	/** Keeps the key out of logs and diagnostics. */
	@Override
	public String toString() {
		return "CursorProperties[key=" + (hasKey() ? "(set)" : "(random per start)") + "]";
	}

}

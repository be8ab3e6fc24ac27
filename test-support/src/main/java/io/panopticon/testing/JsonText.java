package io.panopticon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers for exact-JSON assertions: expected documents are written readably and
 * compared after compaction, which keeps field order and number forms.
 */
public final class JsonText {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.build();

	private JsonText() {
	}

	/**
	 * Returns {@code json} without insignificant whitespace.
	 * @param json JSON text
	 * @return the compact form, fields in their original order
	 */
	public static String compact(String json) {
		return MAPPER.writeValueAsString(MAPPER.readTree(json));
	}

	/**
	 * Parses JSON text.
	 * @param json JSON text
	 * @return the tree
	 */
	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	/**
	 * Parses JSON bytes.
	 * @param json UTF-8 JSON
	 * @return the tree
	 */
	public static JsonNode parse(byte[] json) {
		return MAPPER.readTree(json);
	}

	/**
	 * Decodes UTF-8.
	 * @param bytes the bytes
	 * @return the text
	 */
	public static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Returns a JSON resource, compacted.
	 * @param anchor the class the name is relative to (a name starting with {@code /} is
	 * absolute)
	 * @param name the resource name
	 * @return its text without insignificant whitespace
	 */
	public static String resource(Class<?> anchor, String name) {
		try (InputStream in = anchor.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + name + " next to " + anchor.getName());
			}
			return compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

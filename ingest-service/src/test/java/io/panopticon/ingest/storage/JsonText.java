package io.panopticon.ingest.storage;

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
final class JsonText {

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
	static String compact(String json) {
		return MAPPER.writeValueAsString(MAPPER.readTree(json));
	}

	static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	static JsonNode parse(byte[] json) {
		return MAPPER.readTree(json);
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Returns a resource next to the test classes of this package.
	 * @param name the resource name
	 * @return its text
	 */
	static String resource(String name) {
		try (InputStream in = JsonText.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

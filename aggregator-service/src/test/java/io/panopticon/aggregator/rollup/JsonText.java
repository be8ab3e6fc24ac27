package io.panopticon.aggregator.rollup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Expected JSON is written readably in test resources and compared after compaction,
 * which keeps field order and number forms.
 */
final class JsonText {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.build();

	private JsonText() {
	}

	static String compact(String json) {
		return MAPPER.writeValueAsString(MAPPER.readTree(json));
	}

	static String resource(String name) {
		try (InputStream in = JsonText.class.getResourceAsStream("/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + name);
			}
			return compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

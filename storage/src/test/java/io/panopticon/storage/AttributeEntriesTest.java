package io.panopticon.storage;

import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeEntriesTest {

	@Test
	void writesKeyAndKeyValueForEachScalar() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("region", "eu-1");
		attributes.put("retry", 2L);
		attributes.put("cached", true);
		attributes.put("ratio", 2.5);
		attributes.put("big", new BigInteger("123456789012345678901234567890"));

		assertThat(entries(attributes)).isEqualTo("[\"region\",\"region=eu-1\",\"retry\",\"retry=2\","
				+ "\"cached\",\"cached=true\",\"ratio\",\"ratio=2.5\","
				+ "\"big\",\"big=123456789012345678901234567890\"]");
	}

	@Test
	void writesOneEntryPerListElement() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("tags", Arrays.asList("a", null, 3L, List.of("x", 1L), Map.of("k", "v/w")));
		attributes.put("none", List.of());

		assertThat(entries(attributes)).isEqualTo(
				"[\"tags\",\"tags=a\",\"tags=3\",\"tags=[\\\"x\\\",1]\",\"tags={\\\"k\\\":\\\"v/w\\\"}\",\"none\"]");
	}

	@Test
	void flattensNestedObjectsWithDots() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("http", Map.of("request", Map.of("method", "GET")));

		assertThat(entries(attributes)).isEqualTo("[\"http.request.method\",\"http.request.method=GET\"]");
	}

	@Test
	void cutsLongEntriesToTheLimit() {
		String value = "v".repeat(1000);
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("db.statement", value);

		String expected = ("db.statement=" + value).substring(0, AttributeEntries.MAX_ENTRY_LENGTH);
		assertThat(entries(attributes)).isEqualTo("[\"db.statement\",\"" + expected + "\"]");
	}

	@Test
	void neverCutsASurrogatePairInHalf() {
		// "k=" plus 253 characters leaves one character of room: not enough for 🚀.
		String value = "x".repeat(253) + "🚀";
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("k", value);

		assertThat(entries(attributes)).isEqualTo("[\"k\",\"k=" + "x".repeat(253) + "\"]");
	}

	@Test
	void aKeyThatFillsAnEntryGivesOneEntry() {
		String key = "k".repeat(300);
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(key, "v");

		assertThat(entries(attributes)).isEqualTo("[\"" + key.substring(0, 256) + "\"]");
	}

	@Test
	void aKeyOneShortOfTheLimitKeepsAnEmptyValue() {
		String key = "k".repeat(255);
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(key, "value");

		assertThat(entries(attributes)).isEqualTo("[\"" + key + "\",\"" + key + "=\"]");
	}

	@Test
	void acceptsWhatTheModelNormalisesTo() {
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("count", 7);
		raw.put("ratio", 0.5f);
		LogEvent event = new LogEvent(1, "orders", null, LogLevel.INFO, "m", null, null, raw);

		assertThat(entries(event.attributes())).isEqualTo("[\"count\",\"count=7\",\"ratio\",\"ratio=0.5\"]");
	}

	private static String entries(Map<String, Object> attributes) {
		StringWriter json = new StringWriter();
		try (JsonGenerator generator = DocumentJson.FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
			generator.writeStartArray();
			AttributeEntries.write(generator, attributes);
			generator.writeEndArray();
		}
		return json.toString();
	}

}

package io.panopticon.common.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SafeDetailTest {

	@Test
	void jacksonsConstraintMessageKeepsTheFactsWithoutTheSetting() {
		String digits = "1".repeat(1001);
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> JsonMapper.builder().build().readTree("{\"a\":" + digits + "}"));
		String raw = ex.getOriginalMessage();
		assertThat(raw).contains("StreamReadConstraints");

		String safe = SafeDetail.of("is not valid JSON: " + raw);
		assertThat(safe).startsWith("is not valid JSON: Number value length")
			.contains("1000")
			.doesNotContain("StreamReadConstraints")
			.doesNotContain("`");
	}

	@Test
	void jacksonsSourceLocationsAreDropped() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> JsonMapper.builder().build().readTree("{\"resourceSpans\":["));
		assertThat(ex.getMessage()).contains("[Source:");

		String safe = SafeDetail.of("is not valid JSON: " + ex.getMessage());
		assertThat(safe).startsWith("is not valid JSON: Unexpected end-of-input")
			.doesNotContain("Source")
			.doesNotContain("REDACTED")
			.doesNotContain("[");
		assertThat(SafeDetail.of("is not valid JSON: Unexpected end-of-input: expected close marker for Array "
				+ "(start marker at [Source: REDACTED; byte offset: #UNKNOWN])"))
			.isEqualTo("is not valid JSON: Unexpected end-of-input: expected close marker for Array");
	}

	@Test
	void gsonsExceptionNamesAndTroubleshootingLinksAreDropped() {
		String raw = "is not an OTLP/JSON export request: com.google.gson.stream.MalformedJsonException: "
				+ "Unterminated object at line 1 column 14 path $.resourceSpans "
				+ "See https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json";
		assertThat(SafeDetail.of(raw)).isEqualTo(
				"is not an OTLP/JSON export request: Unterminated object at line 1 column 14 path $.resourceSpans");
		assertThat(SafeDetail.of("java.lang.IllegalStateException: Expected BEGIN_OBJECT but was STRING"))
			.isEqualTo("Expected BEGIN_OBJECT but was STRING");
	}

	@Test
	void qualifiedTypeNamesShrinkToTheirSimpleNames() {
		assertThat(SafeDetail.of("Cannot deserialize value of type java.lang.Long from String \"x\""))
			.isEqualTo("Cannot deserialize value of type Long from String \"x\"");
	}

	@Test
	void ourOwnMessagesAndFieldPathsAreLeftAlone() {
		String message = "invalid parameter 'resource.attributes.service.name': must not be blank (got 'a.b')";
		assertThat(SafeDetail.of(message)).isEqualTo(message);
		assertThat(SafeDetail.of(null)).isNull();
	}

	@Test
	void longMessagesAreCut() {
		assertThat(SafeDetail.of("x".repeat(5000))).hasSize(SafeDetail.MAX_LENGTH);
	}

}

package io.panopticon.common.telemetry;

/**
 * Argument checks shared by the model's constructors.
 */
final class Values {

	private Values() {
	}

	/**
	 * Returns {@code value} when it has a non-whitespace character.
	 * @param value the value
	 * @param field the field name for the message
	 * @return {@code value}
	 * @throws IllegalArgumentException if {@code value} is {@code null} or blank
	 */
	static String requireText(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
		return value;
	}

	/**
	 * Returns {@code null} for an empty optional string: producers send {@code ""} for
	 * "none" as often as they omit the field, and both must mean the same.
	 * @param value the value
	 * @return {@code value}, or {@code null} when it is empty
	 */
	static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	static long requireNonNegative(long value, String field) {
		if (value < 0) {
			throw new IllegalArgumentException(field + " must not be negative: " + value);
		}
		return value;
	}

}

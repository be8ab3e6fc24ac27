package io.panopticon.common.telemetry;

/**
 * Argument checks shared by the model's constructors.
 */
final class Values {

	/**
	 * The last epoch microsecond whose nanoseconds still fit a {@code long}
	 * (2262-04-11T23:47:16.854775Z). Later times break the nanosecond and
	 * {@code ChronoUnit.MICROS.between} arithmetic of the services that read spans and
	 * logs, so the model refuses them.
	 */
	static final long MAX_EPOCH_MICROS = Long.MAX_VALUE / 1000;

	/** {@link #MAX_EPOCH_MICROS} in words, for messages. */
	static final String MAX_TIME_TEXT = "2262-04-11T23:47:16Z";

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

	/**
	 * Returns {@code micros} when it is a time the system can represent: from 1970 to
	 * {@link #MAX_EPOCH_MICROS}.
	 * @param micros epoch microseconds
	 * @param field the field name for the message
	 * @return {@code micros}
	 * @throws IllegalArgumentException if the time is before 1970 or after 2262
	 */
	static long requireTime(long micros, String field) {
		requireNonNegative(micros, field);
		if (micros > MAX_EPOCH_MICROS) {
			throw new IllegalArgumentException(field + " must not be after " + MAX_TIME_TEXT + ": " + micros);
		}
		return micros;
	}

}

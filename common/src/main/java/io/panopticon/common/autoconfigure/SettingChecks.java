package io.panopticon.common.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Range checks for the compact constructors of settings records: a value out of range
 * stops the start-up with an {@link IllegalArgumentException} that names the property,
 * instead of a component that misbehaves later (a {@code Semaphore(0)} that blocks
 * forever, a timer that never waits).
 */
public final class SettingChecks {

	private SettingChecks() {
	}

	/**
	 * @param value the value
	 * @param property the property's full name, such as
	 * {@code panopticon.ingest.bulk.batch-size}
	 * @throws IllegalArgumentException if the value is below 1
	 */
	public static void positive(long value, String property) {
		require(value >= 1, property + " must be at least 1, not " + value);
	}

	/**
	 * @param value the value
	 * @param property the property's full name
	 * @throws IllegalArgumentException if the value is null, zero or negative
	 */
	public static void positive(Duration value, String property) {
		require(value != null && !value.isNegative() && !value.isZero(), property + " must be positive, not " + value);
	}

	/**
	 * @param value the value
	 * @param property the property's full name
	 * @throws IllegalArgumentException if the value is null, zero or negative
	 */
	public static void positive(DataSize value, String property) {
		require(value != null && value.toBytes() > 0, property + " must be positive, not " + value);
	}

	/**
	 * @param value the value
	 * @param property the property's full name
	 * @throws IllegalArgumentException if the value is null or negative
	 */
	public static void notNegative(Duration value, String property) {
		require(value != null && !value.isNegative(), property + " must not be negative, not " + value);
	}

	/**
	 * @param value the value
	 * @param property the property's full name
	 * @throws IllegalArgumentException if the value is null or blank
	 */
	public static void text(String value, String property) {
		require(value != null && !value.isBlank(), property + " must not be blank");
	}

	/**
	 * @param condition what must hold
	 * @param message the message naming the property, when it does not
	 * @throws IllegalArgumentException if the condition does not hold
	 */
	public static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}

package io.panopticon.query.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Conversions between the epoch microseconds the documents hold and what the API shows:
 * ISO-8601 instants and milliseconds with decimals.
 */
public final class Times {

	private Times() {
	}

	/**
	 * Returns an instant as epoch microseconds, dropping nanoseconds.
	 * @param instant the instant
	 * @return microseconds since the epoch
	 * @throws ArithmeticException beyond about 290,000 years from 1970
	 */
	public static long micros(Instant instant) {
		// Not ChronoUnit.MICROS.between, which counts in nanoseconds first and overflows
		// beyond 1677-2262.
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	/**
	 * Returns epoch microseconds as an instant.
	 * @param micros microseconds since the epoch
	 * @return the instant
	 */
	public static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
	}

	/**
	 * Returns epoch microseconds as ISO-8601 text in UTC, with as many fraction digits as
	 * needed.
	 * @param micros microseconds since the epoch
	 * @return for example {@code 2026-11-22T03:00:00.123456Z}
	 */
	public static String iso(long micros) {
		return instant(micros).toString();
	}

	/**
	 * Returns microseconds as milliseconds, the unit of every latency the API shows.
	 * @param micros a duration in microseconds
	 * @return milliseconds, with up to three decimals
	 */
	public static double millis(long micros) {
		return micros / 1000.0;
	}

}

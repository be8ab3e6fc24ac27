package io.panopticon.alert.web;

import java.time.Instant;

import io.panopticon.common.web.TimeParameter;

/**
 * Optional query parameters of the list endpoints (audit log, alert history): a blank one
 * is absent, and a time is read as everywhere else in the platform.
 */
public final class QueryParameters {

	private QueryParameters() {
	}

	/**
	 * Reads an optional time.
	 * @param name the parameter's name, for the problem
	 * @param value its value, or {@code null}
	 * @return the time, or {@code null} when the parameter is absent or blank
	 * @throws io.panopticon.common.web.InvalidParameterException naming the parameter
	 * when the value is not a time from 1678 to 2262
	 */
	public static Instant time(String name, String value) {
		return (value == null || value.isBlank()) ? null : TimeParameter.parse(name, value);
	}

	/**
	 * Reads an optional text.
	 * @param value the parameter's value, or {@code null}
	 * @return the trimmed value, or {@code null} when it is absent or blank
	 */
	public static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}

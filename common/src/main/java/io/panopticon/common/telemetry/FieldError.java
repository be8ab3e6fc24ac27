package io.panopticon.common.telemetry;

import java.util.Objects;

/**
 * One problem with a telemetry item.
 *
 * @param field where the problem is, as a JSON-path-like name relative to the item:
 * {@code traceId}, {@code status.code}, {@code events[0].time}; {@link #ROOT} names the
 * item (or the whole record value) itself
 * @param reason what is wrong, in words an operator can act on
 */
public record FieldError(String field, String reason) {

	/** The field name that stands for the item (or the record value) as a whole. */
	public static final String ROOT = "$";

	public FieldError {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public String toString() {
		return this.field + ": " + this.reason;
	}

}

package io.panopticon.common.telemetry;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of decoding one item of a Kafka record value: either the item or every
 * problem found with it, together with the item's JSON so a caller can dead-letter
 * exactly that item.
 *
 * @param <T> the item type
 * @param index the position of the item in the record value: 0 for a value holding a
 * single object (or one that is not JSON at all), else the index in the array
 * @param value the item, or {@code null} when it is invalid
 * @param errors every problem with the item, empty when it is valid
 * @param json the item's bytes as they appeared in the record value (the whole value when
 * it does not parse); shared, not copied, so callers must not modify it
 */
public record Decoded<T>(int index, T value, List<FieldError> errors, byte[] json) {

	/**
	 * Checks that the outcome is either a value or a non-empty list of problems.
	 * @throws IllegalArgumentException if it is both or neither
	 */
	public Decoded {
		errors = List.copyOf(errors);
		Objects.requireNonNull(json, "json");
		if ((value == null) == errors.isEmpty()) {
			throw new IllegalArgumentException("a decoded item has either a value or errors");
		}
	}

	static <T> Decoded<T> valid(int index, T value, byte[] json) {
		return new Decoded<>(index, Objects.requireNonNull(value, "value"), List.of(), json);
	}

	static <T> Decoded<T> invalid(int index, List<FieldError> errors, byte[] json) {
		return new Decoded<>(index, null, errors, json);
	}

	/**
	 * Returns whether the item is valid, that is whether {@link #value()} is set.
	 * @return {@code true} for a valid item
	 */
	public boolean isValid() {
		return this.value != null;
	}

	/**
	 * Returns the problems as one line for a dead-letter header, such as
	 * {@code "traceId: is required; durationMicros: must not be negative"}.
	 * @return the problems, or an empty string for a valid item
	 */
	public String reason() {
		return this.errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
	}

	/**
	 * Returns the names of the offending fields, comma-separated and without repeats, for
	 * a dead-letter header.
	 * @return the field names, or an empty string for a valid item
	 */
	public String fields() {
		return this.errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(","));
	}

	// The generated versions would compare and print the array by identity.

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof Decoded<?> other) && this.index == other.index && Objects.equals(this.value, other.value)
				&& this.errors.equals(other.errors) && Arrays.equals(this.json, other.json);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.index, this.value, this.errors, Arrays.hashCode(this.json));
	}

	@Override
	public String toString() {
		return "Decoded[index=" + this.index + ", " + (isValid() ? "value=" + this.value : "errors=" + this.errors)
				+ ", json=" + this.json.length + " bytes]";
	}

}

package io.panopticon.common.telemetry;

import java.util.Map;

/**
 * Something that happened at one moment during a span, such as an exception.
 *
 * @param timeMicros when it happened, in microseconds since the epoch
 * @param name what happened, for example {@code exception}
 * @param attributes details, insertion ordered; never {@code null} (see {@link Span} for
 * the value rules)
 */
public record SpanEvent(long timeMicros, String name, Map<String, Object> attributes) {

	/**
	 * Validates and normalises the event.
	 * @throws IllegalArgumentException if the time is before 1970 or after 2262, or the
	 * name is blank
	 */
	public SpanEvent {
		Values.requireTime(timeMicros, "time");
		Values.requireText(name, "name");
		attributes = Attributes.copyOf(attributes);
	}

}

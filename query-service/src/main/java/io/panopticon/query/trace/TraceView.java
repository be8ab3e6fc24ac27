package io.panopticon.query.trace;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

import io.panopticon.query.log.LogView;
import io.panopticon.query.span.SpanView;

/**
 * A whole trace, ready for a waterfall: its spans in depth-first order (siblings by start
 * time) with their depth, parent and children, and its log events, all timed from the
 * start of the trace.
 *
 * @param traceId the trace id
 * @param startTime the start of the earliest span, ISO-8601; absent when the trace has
 * only log events
 * @param duration milliseconds from the earliest start to the latest end of its spans
 * @param spanCount how many spans the trace has in storage, even when {@code truncated}
 * @param errorCount how many of them are errors
 * @param services the services taking part, most spans first
 * @param rootService the service of the first root span
 * @param rootName the name of the first root span
 * @param truncated whether the trace has more spans than returned: the earliest
 * {@code panopticon.query.search.max-trace-spans} are
 * @param spans the spans
 * @param logCount how many log events the trace has in storage
 * @param logsTruncated whether the trace has more log events than returned: the earliest
 * {@code panopticon.query.search.max-trace-logs} are
 * @param logs the log events, by time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TraceView(String traceId, String startTime, Double duration, long spanCount, long errorCount,
		List<String> services, String rootService, String rootName, boolean truncated, List<Span> spans, long logCount,
		boolean logsTruncated, List<Log> logs) {

	/**
	 * A span in the waterfall.
	 *
	 * @param span the span
	 * @param offset milliseconds from the start of the trace to the start of the span
	 * @param depth 0 for a root, 1 for its children, and so on
	 * @param parent the position of the parent in {@code spans}; absent for a root (or a
	 * span whose parent is not in the trace)
	 * @param children the positions of the children in {@code spans}, by start time
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "TraceSpan")
	record Span(@JsonUnwrapped SpanView span, double offset, int depth, Integer parent, List<Integer> children) {
	}

	/**
	 * A log event of the trace.
	 *
	 * @param log the event
	 * @param offset milliseconds from the start of the trace (negative if the event came
	 * before the first span); absent when the trace has no spans
	 * @param span the position in {@code spans} of the span the event names; absent when
	 * it names none of them
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "TraceLog")
	record Log(@JsonUnwrapped LogView log, Double offset, Integer span) {
	}

}

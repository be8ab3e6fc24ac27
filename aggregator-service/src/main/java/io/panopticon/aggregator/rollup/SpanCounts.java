package io.panopticon.aggregator.rollup;

/**
 * The raw span counts of one minute, as a pass saw them before rolling it up. Span
 * documents are only ever added (created with content-derived ids, never updated), so a
 * count that grew means new spans, and an equal count means the very same spans.
 *
 * @param spans spans that started in the minute
 * @param windowSpans spans that started in the minute widened by the edge slack on both
 * sides: everything the roll-up of the minute reads
 */
public record SpanCounts(long spans, long windowSpans) {

	/** No spans at all. */
	public static final SpanCounts NONE = new SpanCounts(0, 0);

}

package io.panopticon.ingest.receiver;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What became of the items of one request: how many Kafka acknowledged, and which were
 * rejected and why.
 *
 * @param accepted items published and acknowledged
 * @param rejections items not published: those the receiver could not convert, then those
 * the checks refused
 */
public record Outcome(int accepted, List<Rejection> rejections) {

	/** How many rejections {@link #summary} spells out; the rest are counted. */
	static final int DETAILED = 5;

	public Outcome {
		rejections = List.copyOf(rejections);
	}

	/** How many items were rejected. */
	public int rejected() {
		return this.rejections.size();
	}

	/**
	 * Returns the rejections as one message for a client, such as {@code "2 of 10 spans
	 * rejected: spans[3]: traceId must be ...; spans[7]: name must not be blank"}; the
	 * first few are spelled out, the rest counted.
	 * @param noun what the items are, plural ({@code spans}, {@code log records})
	 * @return the message, empty when nothing was rejected
	 */
	public String summary(String noun) {
		if (this.rejections.isEmpty()) {
			return "";
		}
		String details = this.rejections.stream()
			.limit(DETAILED)
			.map(Rejection::toString)
			.collect(Collectors.joining("; "));
		int more = this.rejections.size() - DETAILED;
		return this.rejections.size() + " of " + (this.accepted + this.rejections.size()) + " " + noun + " rejected: "
				+ details + ((more > 0) ? "; and " + more + " more" : "");
	}

}

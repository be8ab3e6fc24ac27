package io.panopticon.ingest.receiver;

import java.util.Objects;

/**
 * One item a receiver did not accept, and why.
 *
 * @param item where the item was in the request, for example
 * {@code resourceSpans[0].scopeSpans[1].spans[3]} or {@code spans[2]}
 * @param reason what is wrong with it, naming the field
 */
public record Rejection(String item, String reason) {

	public Rejection {
		Objects.requireNonNull(item, "item");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public String toString() {
		return this.item + ": " + this.reason;
	}

}

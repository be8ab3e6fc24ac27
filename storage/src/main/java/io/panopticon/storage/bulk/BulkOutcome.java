package io.panopticon.storage.bulk;

/**
 * What Elasticsearch did with one bulk item.
 *
 * @param status what happened
 * @param reason Elasticsearch's error type and reason, for failures; null otherwise
 */
public record BulkOutcome(Status status, String reason) {

	/** Acknowledged as a new document. */
	public static final BulkOutcome CREATED = new BulkOutcome(Status.CREATED, null);

	/** Already there: a replay. */
	public static final BulkOutcome ALREADY_INDEXED = new BulkOutcome(Status.ALREADY_INDEXED, null);

	/**
	 * Whether the document is now in Elasticsearch (created now or by an earlier
	 * delivery).
	 * @return whether it is stored
	 */
	public boolean isStored() {
		return this.status == Status.CREATED || this.status == Status.ALREADY_INDEXED;
	}

	/** What happened to an item. */
	public enum Status {

		/** Acknowledged as a new document. */
		CREATED,

		/** A document with this id exists (409): a replay, counted as success. */
		ALREADY_INDEXED,

		/**
		 * Elasticsearch refused the document itself (e.g. a mapping error); retrying
		 * cannot help.
		 */
		REJECTED,

		/**
		 * A transient failure (429, 5xx, timeout); the item may succeed if sent again.
		 */
		RETRYABLE

	}

}

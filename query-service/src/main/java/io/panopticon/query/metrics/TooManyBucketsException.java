package io.panopticon.query.metrics;

/**
 * Elasticsearch refused a search whose aggregations would have more buckets than
 * {@code search.max_buckets} allows; the caller splits the search and tries again.
 */
class TooManyBucketsException extends RuntimeException {

	TooManyBucketsException(String reason) {
		super(reason);
	}

}

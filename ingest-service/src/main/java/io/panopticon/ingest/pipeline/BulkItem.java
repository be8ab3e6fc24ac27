package io.panopticon.ingest.pipeline;

/**
 * One document to create in Elasticsearch.
 *
 * @param index the concrete index name
 * @param id the content-derived document id
 * @param source the document as UTF-8 JSON, on one line
 */
record BulkItem(String index, String id, byte[] source) {

	/**
	 * The bytes this item takes in a {@code _bulk} body (action line, source, newlines).
	 */
	int bulkSize() {
		return this.source.length + this.index.length() + this.id.length() + 40;
	}

}

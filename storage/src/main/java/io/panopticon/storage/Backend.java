package io.panopticon.storage;

import tools.jackson.databind.JsonNode;

/**
 * The kind of search cluster the storage talks to. Elasticsearch and OpenSearch share the
 * REST API this module uses but differ in a few details, which are decided here.
 */
public enum Backend {

	/** Elasticsearch 8.19 or 9.x. */
	ELASTICSEARCH("elasticsearch"),

	/** OpenSearch 2.x. */
	OPENSEARCH("opensearch");

	private static final String ELASTIC_MEDIA_TYPE = "application/vnd.elasticsearch+";

	private final String id;

	Backend(String id) {
		this.id = id;
	}

	/**
	 * Returns the name reported in health and logs.
	 * @return {@code elasticsearch} or {@code opensearch}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Tells the backend from the answer to {@code GET /}. OpenSearch names itself in
	 * {@code version.distribution}; Elasticsearch does not, and the test distribution of
	 * Elasticsearch answers 405 to {@code GET /}, so whatever is not OpenSearch is
	 * Elasticsearch.
	 * @param status the HTTP status of the answer
	 * @param root the JSON body, or {@code null}
	 * @return the backend
	 */
	static Backend of(int status, JsonNode root) {
		if (status == 200 && root != null
				&& "opensearch".equals(root.path("version").path("distribution").asString(""))) {
			return OPENSEARCH;
		}
		return ELASTICSEARCH;
	}

	/**
	 * Adapts the value of an {@code Accept} or {@code Content-Type} header to this
	 * backend. The Elasticsearch 9 client asks for {@code compatible-with=9}, which 8.19
	 * refuses while 9.x still accepts {@code compatible-with=8}; OpenSearch answers 406
	 * to any {@code compatible-with} media type and is sent the plain one instead.
	 * @param value the header value
	 * @return the value to send
	 */
	public String adaptMediaType(String value) {
		if (value == null || !value.contains("compatible-with=")) {
			return value;
		}
		if (this == ELASTICSEARCH) {
			return value.replace("compatible-with=9", "compatible-with=8");
		}
		int start = value.indexOf(ELASTIC_MEDIA_TYPE);
		if (start < 0) {
			return value;
		}
		int end = value.indexOf(';', start);
		String subtype = value.substring(start + ELASTIC_MEDIA_TYPE.length(), (end < 0) ? value.length() : end).trim();
		return "application/" + subtype;
	}

}

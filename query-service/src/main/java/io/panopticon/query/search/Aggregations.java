package io.panopticon.query.search;

import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the few aggregations the searches use, for
 * {@link SearchRequest.Builder#aggregation}.
 */
public final class Aggregations {

	private Aggregations() {
	}

	/**
	 * The smallest value of a numeric field.
	 * @param field the field
	 * @return {@code {"min":{"field":field}}}
	 */
	public static ObjectNode min(String field) {
		ObjectNode json = Query.JSON.createObjectNode();
		json.putObject("min").put("field", field);
		return json;
	}

	/**
	 * The largest value of a numeric field.
	 * @param field the field
	 * @return {@code {"max":{"field":field}}}
	 */
	public static ObjectNode max(String field) {
		ObjectNode json = Query.JSON.createObjectNode();
		json.putObject("max").put("field", field);
		return json;
	}

	/**
	 * The most frequent values of a keyword field, most frequent first.
	 * @param field the field
	 * @param size how many values
	 * @return {@code {"terms":{"field":field,"size":size}}}
	 */
	public static ObjectNode terms(String field, int size) {
		ObjectNode json = Query.JSON.createObjectNode();
		json.putObject("terms").put("field", field).put("size", size);
		return json;
	}

	/**
	 * The most frequent values of a keyword field, with aggregations inside each value's
	 * bucket.
	 * @param field the field
	 * @param size how many values
	 * @param inside the aggregations of each bucket, by name
	 * @return {@code {"terms":{"field":field,"size":size},"aggs":{...}}}
	 */
	public static ObjectNode terms(String field, int size, Map<String, ObjectNode> inside) {
		ObjectNode json = terms(field, size);
		ObjectNode aggs = json.putObject("aggs");
		inside.forEach(aggs::set);
		return json;
	}

	/**
	 * The number of documents that match a query.
	 * @param query the query
	 * @return {@code {"filter":query}}
	 */
	public static ObjectNode count(Query query) {
		ObjectNode json = Query.JSON.createObjectNode();
		json.set("filter", query.json());
		return json;
	}

}

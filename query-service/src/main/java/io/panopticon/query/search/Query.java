package io.panopticon.query.search;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Elasticsearch query of the few kinds the searches need, as the JSON of the query
 * DSL. Immutable; build with the static factories.
 */
public final class Query {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectNode json;

	private Query(ObjectNode json) {
		this.json = json;
	}

	/**
	 * Matches every document.
	 * @return {@code {"match_all":{}}}
	 */
	public static Query matchAll() {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("match_all");
		return new Query(json);
	}

	/**
	 * Matches documents whose keyword field holds exactly the value.
	 * @param field the field
	 * @param value the value
	 * @return {@code {"term":{field:value}}}
	 */
	public static Query term(String field, String value) {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("term").put(field, Objects.requireNonNull(value, field));
		return new Query(json);
	}

	/**
	 * Matches documents whose boolean field has the value.
	 * @param field the field
	 * @param value the value
	 * @return {@code {"term":{field:value}}}
	 */
	public static Query term(String field, boolean value) {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("term").put(field, value);
		return new Query(json);
	}

	/**
	 * Matches documents whose keyword field holds one of the values.
	 * @param field the field
	 * @param values the values, not empty
	 * @return {@code {"terms":{field:[values]}}}
	 */
	public static Query terms(String field, Collection<String> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("no values for " + field);
		}
		ObjectNode json = JSON.createObjectNode();
		ArrayNode array = json.putObject("terms").putArray(field);
		values.forEach(array::add);
		return new Query(json);
	}

	/**
	 * Matches documents that have a value in the field.
	 * @param field the field
	 * @return {@code {"exists":{"field":field}}}
	 */
	public static Query exists(String field) {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("exists").put("field", field);
		return new Query(json);
	}

	/**
	 * Matches documents whose numeric field lies in {@code [from, to)}, as time windows
	 * are.
	 * @param field the field
	 * @param from the inclusive lower bound
	 * @param to the exclusive upper bound
	 * @return {@code {"range":{field:{"gte":from,"lt":to}}}}
	 */
	public static Query halfOpenRange(String field, long from, long to) {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("range").putObject(field).put("gte", from).put("lt", to);
		return new Query(json);
	}

	/**
	 * Matches documents whose numeric field lies in {@code [min, max]}.
	 * @param field the field
	 * @param min the inclusive lower bound, or {@code null} for none
	 * @param max the inclusive upper bound, or {@code null} for none
	 * @return {@code {"range":{field:{"gte":min,"lte":max}}}}
	 */
	public static Query closedRange(String field, Long min, Long max) {
		if (min == null && max == null) {
			throw new IllegalArgumentException("no bound for " + field);
		}
		ObjectNode json = JSON.createObjectNode();
		ObjectNode bounds = json.putObject("range").putObject(field);
		if (min != null) {
			bounds.put("gte", min);
		}
		if (max != null) {
			bounds.put("lte", max);
		}
		return new Query(json);
	}

	/**
	 * Full-text match of every word of the text, in any order.
	 * @param field a text field
	 * @param text the words
	 * @return {@code {"match":{field:{"query":text,"operator":"and"}}}}
	 */
	public static Query matchAllWords(String field, String text) {
		ObjectNode json = JSON.createObjectNode();
		json.putObject("match").putObject(field).put("query", text).put("operator", "and");
		return new Query(json);
	}

	/**
	 * Documents that match every filter and none of the exclusions; neither contributes
	 * to scoring, which the searches never sort by.
	 * @param filters queries every document must match
	 * @param exclusions queries no document may match
	 * @return a {@code bool} query, or {@link #matchAll()} when both lists are empty
	 */
	public static Query allOf(List<Query> filters, List<Query> exclusions) {
		if (filters.isEmpty() && exclusions.isEmpty()) {
			return matchAll();
		}
		ObjectNode json = JSON.createObjectNode();
		ObjectNode bool = json.putObject("bool");
		if (!filters.isEmpty()) {
			ArrayNode filter = bool.putArray("filter");
			filters.forEach((query) -> filter.add(query.json()));
		}
		if (!exclusions.isEmpty()) {
			ArrayNode mustNot = bool.putArray("must_not");
			exclusions.forEach((query) -> mustNot.add(query.json()));
		}
		return new Query(json);
	}

	/**
	 * Returns the query's JSON.
	 * @return a copy the caller may change
	 */
	public ObjectNode json() {
		return this.json.deepCopy();
	}

	@Override
	public String toString() {
		return this.json.toString();
	}

}

package io.panopticon.query.search;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One criterion of a search's sort.
 *
 * @param field the field
 * @param ascending whether smaller values come first
 * @param type the kind of value the field holds, which its sort values have
 */
public record Sort(String field, boolean ascending, Type type) {

	/**
	 * Sorts on a numeric field.
	 * @param field the field
	 * @param ascending whether smaller values come first
	 * @return the criterion
	 */
	public static Sort numeric(String field, boolean ascending) {
		return new Sort(field, ascending, Type.LONG);
	}

	/**
	 * Sorts on a keyword field.
	 * @param field the field
	 * @param ascending whether smaller values come first
	 * @return the criterion
	 */
	public static Sort keyword(String field, boolean ascending) {
		return new Sort(field, ascending, Type.KEYWORD);
	}

	/**
	 * Sorts on a metadata field ({@code _index}, {@code _seq_no}), which every index
	 * maps.
	 * @param field the field
	 * @param type the kind of value
	 * @return the criterion, ascending
	 */
	public static Sort metadata(String field, Type type) {
		return new Sort(field, true, type);
	}

	/**
	 * Returns the criterion's JSON. Fields of the mappings carry an
	 * {@code unmapped_type}, so that an index of the pattern that lacks the mapping sorts
	 * instead of failing the search.
	 * @return for example
	 * {@code {"durationMicros":{"order":"desc","unmapped_type":"long"}}}
	 */
	ObjectNode json() {
		ObjectNode json = Query.JSON.createObjectNode();
		ObjectNode criterion = json.putObject(this.field).put("order", this.ascending ? "asc" : "desc");
		if (!this.field.startsWith("_")) {
			criterion.put("unmapped_type", (this.type == Type.LONG) ? "long" : "keyword");
		}
		return json;
	}

	/**
	 * Returns whether a value from a cursor can be a sort value of this criterion.
	 * @param value the value
	 * @return whether it has the right JSON type
	 */
	boolean accepts(JsonNode value) {
		return (this.type == Type.LONG) ? value.isIntegralNumber() : value.isString();
	}

	/** The kind of value a sort field holds. */
	public enum Type {

		/** Whole numbers: times, durations, sequence numbers. */
		LONG,

		/** Keywords: ids, names. */
		KEYWORD

	}

}

package io.panopticon.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import io.panopticon.storage.StorageClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search of one or more indices: the path and the exact JSON body sent as
 * {@code POST /<indices>/_search}, or as one entry of a {@link MultiSearchRequest}.
 * Targets that do not exist (a day without data) are skipped, not errors. Scores are
 * never computed: every search sorts on fields. Immutable; build with
 * {@link #builder(List)}.
 */
public final class SearchRequest {

	private final List<String> indices;

	private final ObjectNode body;

	private SearchRequest(List<String> indices, ObjectNode body) {
		this.indices = indices;
		this.body = body;
	}

	/**
	 * Starts a search of the given targets.
	 * @param indices index names or patterns, not empty
	 * @return the builder
	 */
	public static Builder builder(List<String> indices) {
		return new Builder(indices);
	}

	/**
	 * Returns the targets.
	 * @return the index names or patterns
	 */
	public List<String> indices() {
		return this.indices;
	}

	/**
	 * Returns the request body.
	 * @return compact JSON
	 */
	public String body() {
		return this.body.toString();
	}

	/**
	 * Returns the request body as a tree.
	 * @return a copy
	 */
	ObjectNode bodyJson() {
		return this.body.deepCopy();
	}

	/**
	 * Returns the search, for the storage client.
	 * @return the targets and the body
	 */
	StorageClient.Search search() {
		return new StorageClient.Search(this.indices, this.body);
	}

	@Override
	public String toString() {
		return String.join(",", this.indices) + " " + body();
	}

	/** Builds a {@link SearchRequest}; the body's members keep a fixed order. */
	public static final class Builder {

		private final List<String> indices;

		private Query query = Query.matchAll();

		private final List<Sort> sort = new ArrayList<>();

		private JsonNode searchAfter;

		private int size = 10;

		private List<String> sourceIncludes;

		private boolean trackTotalHits;

		private ObjectNode aggregations;

		private Builder(List<String> indices) {
			if (indices.isEmpty()) {
				throw new IllegalArgumentException("a search needs at least one index");
			}
			this.indices = List.copyOf(indices);
		}

		/**
		 * Sets the query; by default every document matches.
		 * @param query the query
		 * @return this builder
		 */
		public Builder query(Query query) {
			this.query = Objects.requireNonNull(query, "query");
			return this;
		}

		/**
		 * Adds sort criteria, in order of precedence.
		 * @param criteria the criteria
		 * @return this builder
		 */
		public Builder sort(List<Sort> criteria) {
			this.sort.addAll(criteria);
			return this;
		}

		/**
		 * Continues after the hit with these sort values (from a previous page).
		 * @param values the sort values of the last hit of the previous page, or
		 * {@code null} for the first page
		 * @return this builder
		 */
		public Builder searchAfter(JsonNode values) {
			this.searchAfter = values;
			return this;
		}

		/**
		 * Sets how many hits to return.
		 * @param size 0 or more; 10 by default
		 * @return this builder
		 */
		public Builder size(int size) {
			if (size < 0) {
				throw new IllegalArgumentException("size must not be negative: " + size);
			}
			this.size = size;
			return this;
		}

		/**
		 * Returns only these fields of each hit's source.
		 * @param fields the fields
		 * @return this builder
		 */
		public Builder sourceIncludes(List<String> fields) {
			this.sourceIncludes = List.copyOf(fields);
			return this;
		}

		/**
		 * Counts every matching document exactly; off by default, so that Elasticsearch
		 * may stop early.
		 * @return this builder
		 */
		public Builder trackTotalHits() {
			this.trackTotalHits = true;
			return this;
		}

		/**
		 * Adds an aggregation.
		 * @param name its name in the response
		 * @param aggregation its JSON, from {@link Aggregations}
		 * @return this builder
		 */
		public Builder aggregation(String name, ObjectNode aggregation) {
			if (this.aggregations == null) {
				this.aggregations = Query.JSON.createObjectNode();
			}
			this.aggregations.set(name, aggregation);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public SearchRequest build() {
			if (this.searchAfter != null && this.searchAfter.size() != this.sort.size()) {
				throw new IllegalArgumentException(
						"search_after has " + this.searchAfter.size() + " values for " + this.sort.size() + " sorts");
			}
			ObjectNode body = Query.JSON.createObjectNode();
			body.put("size", this.size);
			body.set("query", this.query.json());
			if (!this.sort.isEmpty()) {
				ArrayNode sort = body.putArray("sort");
				this.sort.forEach((criterion) -> sort.add(criterion.json()));
			}
			if (this.searchAfter != null) {
				body.set("search_after", this.searchAfter.deepCopy());
			}
			if (this.sourceIncludes != null) {
				ArrayNode includes = body.putObject("_source").putArray("includes");
				this.sourceIncludes.forEach(includes::add);
			}
			body.put("track_total_hits", this.trackTotalHits);
			if (this.aggregations != null) {
				body.set("aggs", this.aggregations.deepCopy());
			}
			return new SearchRequest(this.indices, body);
		}

	}

}

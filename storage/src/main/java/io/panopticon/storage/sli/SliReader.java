package io.panopticon.storage.sli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageClient.Search;

/**
 * Reads what service level indicators are made of (requests, errors, fast requests) from
 * minute rollups, and from raw spans for every minute that has no rollup yet, so that a
 * reader never waits for the aggregator. Plan a range once ({@link #coverage}, one or two
 * small searches over the marker documents), then read any number of selectors over it,
 * each as one multi-search.
 * <p>
 * Thread-safe.
 */
public final class SliReader {

	private final StorageClient storage;

	/**
	 * @param storage runs the searches
	 */
	public SliReader(StorageClient storage) {
		this.storage = Objects.requireNonNull(storage, "storage");
	}

	/**
	 * Plans where each minute of a range is read from.
	 * @param range the range
	 * @return the coverage
	 */
	public Coverage coverage(TimeRange range) {
		MarkerPlanner planner = new MarkerPlanner(range);
		if (!planner.hasWholeMinutes()) {
			return Coverage.rawOnly(range);
		}
		Set<Long> complete = new HashSet<>();
		Set<Long> minutes = new HashSet<>();
		List<TimeRange> partial = planner.readOverview(this.storage.multiSearch(List.of(planner.overview())).get(0),
				complete);
		if (!partial.isEmpty()) {
			planner.readDetail(this.storage.multiSearch(List.of(planner.detail(partial))).get(0), minutes);
		}
		return planner.plan(complete, minutes);
	}

	/**
	 * Counts requests per window for several selectors in one round trip.
	 * @param selectors which requests, each
	 * @param coverage where each minute is read from
	 * @param windows the windows, each within the coverage's range
	 * @return for each selector, the counts per window
	 */
	public List<List<RequestCounts>> windows(List<RequestSelector> selectors, Coverage coverage,
			List<TimeRange> windows) {
		List<SliQuery> queries = selectors.stream().map((selector) -> new SliQuery(selector, coverage)).toList();
		List<List<Search>> searches = queries.stream().map((query) -> query.windows(windows)).toList();
		List<List<JsonNode>> responses = run(searches);
		List<List<RequestCounts>> counts = new ArrayList<>();
		for (int i = 0; i < queries.size(); i++) {
			counts.add(queries.get(i).readWindows(responses.get(i), windows.size()));
		}
		return counts;
	}

	/**
	 * Counts requests per point of a time series.
	 * @param selector which requests
	 * @param coverage where each minute is read from
	 * @param intervalMillis the length of a point, whole minutes; points start at
	 * multiples of it since the epoch
	 * @return counts by point start (epoch milliseconds), ascending; points without
	 * requests are left out
	 */
	public Map<Long, RequestCounts> series(RequestSelector selector, Coverage coverage, long intervalMillis) {
		if (intervalMillis <= 0 || intervalMillis % TimeRange.MINUTE != 0) {
			throw new IllegalArgumentException("a point is whole minutes long, not " + intervalMillis + " ms");
		}
		SliQuery query = new SliQuery(selector, coverage);
		return query.readSeries(run(List.of(query.series(intervalMillis))).get(0));
	}

	/** Runs the searches of all queries as one multi-search; answers grouped alike. */
	private List<List<JsonNode>> run(List<List<Search>> searches) {
		List<Search> flat = searches.stream().flatMap(List::stream).toList();
		List<JsonNode> answers = this.storage.multiSearch(flat);
		List<List<JsonNode>> grouped = new ArrayList<>();
		int next = 0;
		for (List<Search> group : searches) {
			grouped.add(answers.subList(next, next + group.size()));
			next += group.size();
		}
		return grouped;
	}

}

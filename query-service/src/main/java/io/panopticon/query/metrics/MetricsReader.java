package io.panopticon.query.metrics;

import io.panopticon.storage.StorageException;
import io.panopticon.storage.StorageClient.Search;
import io.panopticon.storage.StorageClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads request figures for a range: plans which parts come from hourly rollups, minute
 * rollups and raw spans ({@link RangePlan}, from the marker documents), then runs the
 * searches of all parts as one multi-search and merges the answers per group. A query
 * costs two round trips to Elasticsearch (markers, then figures), one when the range has
 * no closed minutes, and a third only when the markers have a gap older than the newest
 * hours.
 * <p>
 * A time series fetches its hourly rollups rather than aggregating them
 * ({@link MetricsQuery#hourDocuments}); when some lack the packed histogram (written by
 * an older aggregator) or are too many, the query runs again with aggregations only.
 * <p>
 * When a search would return more buckets than Elasticsearch allows
 * ({@code search.max_buckets}), the query is split (groups into partitions, time series
 * into shorter pieces) and tried again.
 * <p>
 * Thread-safe.
 */
public final class MetricsReader {

	private static final Logger log = LoggerFactory.getLogger(MetricsReader.class);

	/**
	 * Time buckets per search of a time series: a bucket holds a few hundred latency
	 * buckets, and Elasticsearch refuses more than 65,536 buckets per search by default.
	 */
	static final int POINTS_PER_SEARCH = 48;

	/** The most partitions or pieces a query is split into before it gives up. */
	static final int MAX_SPLIT = 256;

	private final StorageClient storage;

	private final Clock clock;

	private final Duration rollupThreshold;

	private final boolean rollupsEnabled;

	/**
	 * @param storage runs the searches
	 * @param clock the time, for the newest part of a range
	 * @param rollupThreshold the newest part of every range, read from raw spans
	 * @param rollupsEnabled whether rollups are read at all
	 */
	public MetricsReader(StorageClient storage, Clock clock, Duration rollupThreshold, boolean rollupsEnabled) {
		this.storage = Objects.requireNonNull(storage, "storage");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.rollupThreshold = Objects.requireNonNull(rollupThreshold, "rollupThreshold");
		this.rollupsEnabled = rollupsEnabled;
	}

	/**
	 * Returns the time ranges are planned with; named ranges end then.
	 * @return the current time
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Plans a range from the markers in Elasticsearch.
	 * @param fromMillis the start, epoch milliseconds
	 * @param toMillis the end, after the start
	 * @param hourly whether hourly rollups may be used
	 * @return the plan
	 */
	public RangePlan plan(long fromMillis, long toMillis, boolean hourly) {
		return plan(fromMillis, toMillis, hourly, this.rollupThreshold);
	}

	/**
	 * Plans a range from the markers in Elasticsearch, with a raw part of its own.
	 * @param fromMillis the start, epoch milliseconds
	 * @param toMillis the end, after the start
	 * @param hourly whether hourly rollups may be used
	 * @param rawThreshold the newest part before now that is read from raw spans even
	 * where rollups exist; zero leaves it to the markers alone
	 * @return the plan
	 */
	public RangePlan plan(long fromMillis, long toMillis, boolean hourly, Duration rawThreshold) {
		if (!this.rollupsEnabled) {
			return RangePlan.rawOnly(fromMillis, toMillis);
		}
		long cutoff = this.clock.millis() - rawThreshold.toMillis();
		long lookTo = Math.floorDiv(Math.min(toMillis, cutoff), Markers.MINUTE) * Markers.MINUTE;
		if (fromMillis >= lookTo) {
			return RangePlan.rawOnly(fromMillis, toMillis);
		}
		// Rounded up only now, below lookTo: adding a minute to any fromMillis first
		// overflowed near Long.MAX_VALUE and made a range of millions of years.
		long lookFrom = Math.floorDiv(fromMillis, Markers.MINUTE) * Markers.MINUTE;
		if (lookFrom < fromMillis) {
			lookFrom += Markers.MINUTE;
		}
		if (lookTo <= lookFrom) {
			return RangePlan.rawOnly(fromMillis, toMillis);
		}
		MarkerQuery markers = new MarkerQuery(lookFrom, lookTo);
		Markers.Builder found = new Markers.Builder();
		List<Long> partial = markers.readOverview(this.storage.multiSearch(List.of(markers.overview())).get(0), found);
		if (!partial.isEmpty()) {
			log.debug("Rollup markers have gaps in {} hours; reading their minutes", partial.size());
			markers.readDetail(this.storage.multiSearch(List.of(markers.detail(partial))).get(0), found);
		}
		return RangePlan.of(fromMillis, toMillis, cutoff, hourly, found.build());
	}

	/**
	 * Reads figures per group.
	 * @param query what to read
	 * @param plan where each part of the range comes from; for edges, only its rollup
	 * parts are read
	 * @return figures per group key, groups without requests left out
	 */
	public Map<String, Figures> read(MetricsQuery query, RangePlan plan) {
		return read(List.of(query), plan).get(0);
	}

	/**
	 * Reads several queries over the same plan with one multi-search.
	 * @param queries what to read
	 * @param plan where each part of the range comes from; for edges, only its rollup
	 * parts are read
	 * @return figures per group key for each query, in the same order
	 */
	public List<Map<String, Figures>> read(List<MetricsQuery> queries, RangePlan plan) {
		int split = 1;
		boolean fetchHours = true;
		while (true) {
			try {
				List<Map<String, Figures>> results = attempt(queries, plan, split, fetchHours);
				if (results != null) {
					return results;
				}
				log.debug("Hourly rollups without a packed histogram in the range; aggregating them instead");
				fetchHours = false;
			}
			catch (StorageException ex) {
				if (!ex.isTooManyBuckets()) {
					throw ex;
				}
				if (split >= MAX_SPLIT) {
					throw new IllegalStateException("a metrics query needs more than " + MAX_SPLIT
							+ " searches to stay under the bucket limit of Elasticsearch", ex);
				}
				split *= 4;
				log.debug("Splitting metrics queries {} ways to stay under the bucket limit", split);
			}
		}
	}

	/**
	 * Runs the searches of all queries once.
	 * @return the results, or {@code null} if fetched hourly rollups were incomplete
	 */
	private List<Map<String, Figures>> attempt(List<MetricsQuery> queries, RangePlan plan, int split,
			boolean fetchHours) {
		List<Search> searches = new ArrayList<>();
		List<BooleanSupplier> readers = new ArrayList<>();
		List<Map<String, Figures>> results = new ArrayList<>();
		List<JsonNode> responses = new ArrayList<>();
		for (MetricsQuery query : queries) {
			Map<String, Figures> result = MetricsQuery.results();
			results.add(result);
			boolean withRaw = query.grouping().kind() != Grouping.Kind.EDGE;
			for (Piece piece : pieces(query, plan, split)) {
				RangePlan part = piece.plan();
				if (withRaw && !part.raw().isEmpty()) {
					int index = searches.size();
					searches.add(query.raw(part.raw(), piece.partition(), piece.partitions()));
					readers.add(() -> {
						query.readRaw(responses.get(index), result);
						return true;
					});
				}
				List<Slice> hours = part.hours();
				if (fetchHours && query.fetchesHours() && !hours.isEmpty()) {
					int index = searches.size();
					searches.add(query.hourDocuments(hours));
					readers.add(() -> query.readHourDocuments(responses.get(index), result));
					hours = List.of();
				}
				if (!part.minutes().isEmpty() || !hours.isEmpty()) {
					int index = searches.size();
					searches.add(query.rollups(part.minutes(), hours, piece.partition(), piece.partitions()));
					readers.add(() -> {
						query.readRollups(responses.get(index), result);
						return true;
					});
				}
			}
		}
		responses.addAll(this.storage.multiSearch(searches));
		for (BooleanSupplier reader : readers) {
			if (!reader.getAsBoolean()) {
				return null;
			}
		}
		return results;
	}

	/**
	 * Splits a query: a time series into pieces of consecutive time buckets, other
	 * groupings into partitions of their groups.
	 */
	static List<Piece> pieces(MetricsQuery query, RangePlan plan, int split) {
		List<Piece> pieces = new ArrayList<>();
		if (query.grouping().kind() != Grouping.Kind.TIME) {
			for (int partition = 0; partition < split; partition++) {
				pieces.add(new Piece(plan, partition, split));
			}
			return pieces;
		}
		long interval = query.grouping().intervalMillis();
		long from = Long.MAX_VALUE;
		long to = Long.MIN_VALUE;
		for (List<Slice> slices : List.of(plan.hours(), plan.minutes(), plan.raw())) {
			for (Slice slice : slices) {
				from = Math.min(from, slice.fromMillis());
				to = Math.max(to, slice.toMillis());
			}
		}
		long points = Math.max(1, POINTS_PER_SEARCH / split);
		long step = points * interval;
		long start = Math.floorDiv(from, interval) * interval;
		for (long t = start; t < to; t += step) {
			RangePlan part = plan.within(Math.max(t, from), Math.min(t + step, to));
			if (!part.raw().isEmpty() || !part.isRawOnly()) {
				pieces.add(new Piece(part, 0, 1));
			}
		}
		return pieces;
	}

	/** One part of a split query. */
	record Piece(RangePlan plan, int partition, int partitions) {
	}

}

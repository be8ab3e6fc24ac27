package io.panopticon.alert.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.storage.sli.Coverage;
import io.panopticon.storage.sli.RequestCounts;
import io.panopticon.storage.sli.RequestSelector;
import io.panopticon.storage.sli.SliReader;
import io.panopticon.storage.sli.TimeRange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Computes SLO figures from the telemetry store: events and burn rates per window (for
 * the evaluator and the status) and the status over the SLO's whole window. Request-based
 * SLOs of one turn are read together, one multi-search per chunk over one shared coverage
 * plan; throughput SLOs read their requests per closed minute.
 */
@Component
public class SloFigures {

	private static final Logger log = LoggerFactory.getLogger(SloFigures.class);

	/** SLOs per multi-search. */
	static final int CHUNK = 50;

	private final SliReader reader;

	SloFigures(SliReader reader) {
		this.reader = reader;
	}

	/**
	 * The windows an SLO's burn rates are computed over: the standard ones and those of
	 * its conditions.
	 * @param slo the SLO
	 * @return window texts, shortest first
	 */
	static List<String> windows(Slo slo) {
		Set<String> windows = new LinkedHashSet<>(Windows.STANDARD);
		for (BurnRateAlert alert : slo.burnRateAlerts()) {
			windows.add(alert.longWindow());
			windows.add(alert.shortWindow());
		}
		List<String> sorted = new ArrayList<>(windows);
		sorted.sort((a, b) -> Windows.parse(a).compareTo(Windows.parse(b)));
		return sorted;
	}

	/**
	 * The request selector of an SLO.
	 * @param slo the SLO
	 * @return the selector
	 */
	static RequestSelector selector(Slo slo) {
		Integer fastBucket = (slo.indicatorKind() == Indicator.LATENCY)
				? LatencyHistogram.bucketOf(Math.round(slo.threshold() * 1000)) : null;
		return new RequestSelector(slo.serviceName(), slo.environment(), slo.endpoint(), fastBucket);
	}

	/**
	 * Burn rates of several SLOs, each over its {@link #windows} ending now.
	 * @param slos the SLOs
	 * @param now the end of every window
	 * @return burn rates by SLO id
	 */
	public Map<Long, BurnRates> burnRates(List<Slo> slos, Instant now) {
		long started = System.nanoTime();
		Map<Long, BurnRates> rates = new HashMap<>();
		if (slos.isEmpty()) {
			return rates;
		}
		Map<String, Duration> windows = new TreeMap<>();
		slos.forEach((slo) -> windows(slo).forEach((window) -> windows.put(window, Windows.parse(window))));
		Duration longest = windows.values().stream().max(Duration::compareTo).orElseThrow();
		List<String> names = new ArrayList<>(windows.keySet());
		List<Slo> requestBased = slos.stream().filter((slo) -> slo.indicatorKind() != Indicator.THROUGHPUT).toList();
		List<Slo> throughput = slos.stream().filter((slo) -> slo.indicatorKind() == Indicator.THROUGHPUT).toList();
		if (!requestBased.isEmpty()) {
			long end = now.toEpochMilli();
			Coverage coverage = this.reader.coverage(new TimeRange(end - longest.toMillis(), end));
			List<TimeRange> ranges = names.stream()
				.map((name) -> new TimeRange(end - windows.get(name).toMillis(), end))
				.toList();
			// SLOs that count the same requests (several objectives of one service, say)
			// share one read.
			List<RequestSelector> selectors = requestBased.stream().map(SloFigures::selector).distinct().toList();
			Map<RequestSelector, List<RequestCounts>> counted = new HashMap<>();
			for (int from = 0; from < selectors.size(); from += CHUNK) {
				List<RequestSelector> chunk = selectors.subList(from, Math.min(from + CHUNK, selectors.size()));
				List<List<RequestCounts>> counts = this.reader.windows(chunk, coverage, ranges);
				for (int i = 0; i < chunk.size(); i++) {
					counted.put(chunk.get(i), counts.get(i));
				}
			}
			for (Slo slo : requestBased) {
				List<RequestCounts> counts = counted.get(selector(slo));
				Map<String, Events> events = new LinkedHashMap<>();
				for (int w = 0; w < names.size(); w++) {
					events.put(names.get(w), Events.of(slo.indicatorKind(), counts.get(w)));
				}
				rates.put(slo.id(), BurnRates.of(events, slo.budgetFraction()));
			}
		}
		long requestsRead = System.nanoTime();
		if (!throughput.isEmpty()) {
			long end = Math.floorDiv(now.toEpochMilli(), TimeRange.MINUTE) * TimeRange.MINUTE;
			Coverage coverage = this.reader.coverage(new TimeRange(end - longest.toMillis(), end));
			Map<RequestSelector, Map<Long, RequestCounts>> series = new HashMap<>();
			for (Slo slo : throughput) {
				Map<Long, RequestCounts> perMinute = series.computeIfAbsent(selector(slo),
						(selector) -> this.reader.series(selector, coverage, TimeRange.MINUTE));
				Map<String, Events> events = new LinkedHashMap<>();
				for (String name : names) {
					events.put(name,
							Events.ofMinutes(perMinute, end - windows.get(name).toMillis(), end, slo.threshold()));
				}
				rates.put(slo.id(), BurnRates.of(events, slo.budgetFraction()));
			}
		}
		log.debug("Burn rates of {} request SLOs in {} ms, of {} throughput SLOs in {} ms", requestBased.size(),
				(requestsRead - started) / 1_000_000, throughput.size(),
				(System.nanoTime() - requestsRead) / 1_000_000);
		return rates;
	}

	/**
	 * The status of an SLO over its window, which starts at the first whole hour in
	 * {@code now} minus the window.
	 * @param slo the SLO
	 * @param now the end of the window
	 * @return the events per hour of the window, oldest first
	 */
	public Map<Long, Events> hourlyEvents(Slo slo, Instant now) {
		long end = now.toEpochMilli();
		long start = ceil(end - Duration.ofDays(slo.windowDays()).toMillis(), TimeRange.HOUR);
		Map<Long, Events> hours = new TreeMap<>();
		if (slo.indicatorKind() == Indicator.THROUGHPUT) {
			long closed = Math.floorDiv(end, TimeRange.MINUTE) * TimeRange.MINUTE;
			if (closed <= start) {
				return hours;
			}
			Map<Long, RequestCounts> perMinute = this.reader.series(selector(slo),
					this.reader.coverage(new TimeRange(start, closed)), TimeRange.MINUTE);
			for (long hour = start; hour < closed; hour += TimeRange.HOUR) {
				hours.put(hour,
						Events.ofMinutes(perMinute, hour, Math.min(hour + TimeRange.HOUR, closed), slo.threshold()));
			}
			return hours;
		}
		Map<Long, RequestCounts> perHour = this.reader.series(selector(slo),
				this.reader.coverage(new TimeRange(start, end)), TimeRange.HOUR);
		for (long hour = start; hour < end; hour += TimeRange.HOUR) {
			hours.put(hour, Events.of(slo.indicatorKind(), perHour.getOrDefault(hour, RequestCounts.NONE)));
		}
		return hours;
	}

	private static long ceil(long millis, long unit) {
		return Math.floorDiv(millis + unit - 1, unit) * unit;
	}

}

package io.panopticon.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.panopticon.query.GeneratedTraffic.Call;
import io.panopticon.query.GeneratedTraffic.TestSpan;

/**
 * The figures a query must give, computed from the generated spans in plain Java: counts,
 * error rates, mean and exact nearest-rank percentiles of the raw durations. Nothing here
 * goes through Elasticsearch or the latency histogram.
 *
 * @param requests the number of spans
 * @param errors how many of them are errors
 * @param durationsMicros their durations, ascending
 */
record ExpectedFigures(long requests, long errors, long[] durationsMicros) {

	static ExpectedFigures of(Collection<TestSpan> spans) {
		long[] durations = spans.stream().mapToLong(TestSpan::durationMicros).sorted().toArray();
		long errors = spans.stream().filter(TestSpan::isError).count();
		return new ExpectedFigures(spans.size(), errors, durations);
	}

	/** Request spans whose start lies in {@code [from, to)} (epoch ms), grouped. */
	static Map<String, ExpectedFigures> requests(List<TestSpan> spans, long from, long to, Predicate<TestSpan> filter,
			Function<TestSpan, String> group) {
		Map<String, List<TestSpan>> groups = new TreeMap<>();
		for (TestSpan span : spans) {
			if (span.isRequest() && span.startMillis() >= from && span.startMillis() < to && filter.test(span)) {
				groups.computeIfAbsent(group.apply(span), (key) -> new ArrayList<>()).add(span);
			}
		}
		Map<String, ExpectedFigures> figures = new TreeMap<>();
		groups.forEach((key, members) -> figures.put(key, of(members)));
		return figures;
	}

	/** Calls whose counted span starts in {@code [from, to)}, per caller and callee. */
	static Map<String, ExpectedFigures> calls(List<Call> calls, long from, long to) {
		Map<String, List<TestSpan>> groups = new TreeMap<>();
		for (Call call : calls) {
			long start = call.counted().startMillis();
			if (start >= from && start < to) {
				groups.computeIfAbsent(call.caller() + " -> " + call.callee(), (key) -> new ArrayList<>())
					.add(call.counted());
			}
		}
		Map<String, ExpectedFigures> figures = new TreeMap<>();
		groups.forEach((key, members) -> figures.put(key, of(members)));
		return figures;
	}

	double errorRate() {
		return (this.requests == 0) ? 0 : 100.0 * this.errors / this.requests;
	}

	double avgMillis() {
		long sum = 0;
		for (long duration : this.durationsMicros) {
			sum += duration;
		}
		return sum / 1000.0 / this.requests;
	}

	/**
	 * The nearest-rank percentile: the smallest duration with at least p % at or below.
	 */
	double percentileMillis(int p) {
		// ceil(p * n / 100) in whole numbers, free of rounding.
		int rank = (int) Math.max(1, ((long) p * this.durationsMicros.length + 99) / 100);
		return this.durationsMicros[rank - 1] / 1000.0;
	}

}

package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The aggregator's meters:
 * <ul>
 * <li>{@value #MINUTES_ROLLED} {@code {reason=new|late}}: minutes rolled up, for the
 * first time or again because of late spans;</li>
 * <li>{@value #HOURS_MERGED}: hours merged from their minutes;</li>
 * <li>{@value #DOCUMENTS_WRITTEN} {@code {resolution=1m|1h}}: rollup documents written
 * (markers not counted);</li>
 * <li>{@value #LAG} (seconds): how far the end of the newest rolled-up minute lies behind
 * now, as of the last pass; about the grace delay plus up to one pass interval and one
 * minute when the aggregator keeps up;</li>
 * <li>{@value #PASS_DURATION} {@code {outcome=done|skipped|failed}}: how long passes
 * take; {@code skipped} when another instance held the lease;</li>
 * <li>{@value #TRUNCATED_TRACES}: traces too large for the service-map join.</li>
 * </ul>
 * Thread-safe.
 */
public final class AggregatorMetrics {

	static final String MINUTES_ROLLED = "panopticon.aggregator.minutes.rolled";

	static final String HOURS_MERGED = "panopticon.aggregator.hours.merged";

	static final String DOCUMENTS_WRITTEN = "panopticon.aggregator.documents.written";

	static final String LAG = "panopticon.aggregator.lag";

	static final String PASS_DURATION = "panopticon.aggregator.pass.duration";

	static final String TRUNCATED_TRACES = "panopticon.aggregator.traces.truncated";

	private final MeterRegistry registry;

	private final Counter newMinutes;

	private final Counter lateMinutes;

	private final Counter hours;

	private final Counter minuteDocuments;

	private final Counter hourDocuments;

	private final Counter truncated;

	private final AtomicReference<Instant> newest = new AtomicReference<>();

	/**
	 * Registers the meters.
	 * @param registry the registry
	 * @param clock tells the time the lag is measured against
	 */
	public AggregatorMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.newMinutes = minutes(registry, "new");
		this.lateMinutes = minutes(registry, "late");
		this.hours = Counter.builder(HOURS_MERGED)
			.description("Hours merged into hourly rollups from their minute rollups")
			.register(registry);
		this.minuteDocuments = documents(registry, Resolution.MINUTE);
		this.hourDocuments = documents(registry, Resolution.HOUR);
		this.truncated = Counter.builder(TRUNCATED_TRACES)
			.description("Traces with more spans in one service-map join window than the join holds")
			.register(registry);
		Gauge.builder(LAG, this, (metrics) -> metrics.lagSeconds(clock.instant()))
			.description("Seconds between now and the end of the newest rolled-up minute")
			.baseUnit("seconds")
			.register(registry);
	}

	private static Counter minutes(MeterRegistry registry, String reason) {
		return Counter.builder(MINUTES_ROLLED)
			.description("Minutes rolled up, for the first time (new) or again because of late spans (late)")
			.tag("reason", reason)
			.register(registry);
	}

	private static Counter documents(MeterRegistry registry, Resolution resolution) {
		return Counter.builder(DOCUMENTS_WRITTEN)
			.description("Rollup documents written")
			.tag("resolution", resolution.label())
			.register(registry);
	}

	void minutesRolled(int first, int late) {
		this.newMinutes.increment(first);
		this.lateMinutes.increment(late);
	}

	void hourMerged() {
		this.hours.increment();
	}

	void documentsWritten(Resolution resolution, long count) {
		((resolution == Resolution.MINUTE) ? this.minuteDocuments : this.hourDocuments).increment(count);
	}

	void truncatedTraces(long count) {
		this.truncated.increment(count);
	}

	void newestRolledMinute(Instant minute) {
		this.newest.accumulateAndGet(minute, (a, b) -> (a == null || b.isAfter(a)) ? b : a);
	}

	/**
	 * Records the duration of a pass.
	 * @param outcome {@code done}, {@code skipped} or {@code failed}
	 * @param nanos how long it took
	 */
	void pass(String outcome, long nanos) {
		Timer.builder(PASS_DURATION)
			.description("Duration of rollup passes")
			.tag("outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	double lagSeconds(Instant now) {
		Instant minute = this.newest.get();
		if (minute == null) {
			return Double.NaN;
		}
		return Duration.between(minute.plusSeconds(60), now).toMillis() / 1000.0;
	}

}

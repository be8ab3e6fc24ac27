package io.panopticon.storage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Elasticsearch index families and their time-based index names.
 * <p>
 * Each family is a set of indices named {@code <prefix>-<period>}, one per UTC day
 * ({@code traces-apm-2025.11.21}) or, for hourly rollups, per UTC month
 * ({@code metrics-apm-1h-2025.11}). An event goes to the index of its event time, not of
 * the time it was received, so that retention can delete whole indices and queries can
 * skip indices outside their range.
 */
public enum IndexFamily {

	/** Raw spans, daily. */
	TRACES("traces-apm", false),

	/** Raw log events, daily. */
	LOGS("logs-apm", false),

	/** One-minute rollups, daily. */
	METRICS_1M("metrics-apm-1m", false),

	/**
	 * One-hour rollups, monthly: a month of them is small, and long ranges then touch few
	 * indices.
	 */
	METRICS_1H("metrics-apm-1h", true);

	/**
	 * Above this many targets {@link #indicesFor} returns the family pattern instead: the
	 * list must fit in a request line, and reading every index of a family is then no
	 * real loss.
	 */
	static final int MAX_TARGETS = 100;

	// 'uuuu' (proleptic year), not 'yyyy' (year of era): the STRICT
	// resolver cannot resolve a year of era without an era.
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final long MICROS_PER_DAY = 86_400_000_000L;

	private final String prefix;

	private final boolean monthly;

	/** The index of the day asked for last; racing writers store equal values. */
	private volatile DayIndex lastIndex;

	IndexFamily(String prefix, boolean monthly) {
		this.prefix = prefix;
		this.monthly = monthly;
	}

	/**
	 * Returns the family's name prefix, for example {@code traces-apm}.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Returns whether the family has one index per month rather than per day.
	 * @return {@code true} for a monthly family
	 */
	public boolean isMonthly() {
		return this.monthly;
	}

	/**
	 * Returns the wildcard pattern matching every index of the family, for example
	 * {@code traces-apm-*}, as index templates and unbounded queries use it.
	 * @return the pattern
	 */
	public String pattern() {
		return this.prefix + "-*";
	}

	/**
	 * Returns the index an event belongs to.
	 * @param eventTime the event time
	 * @return the index name, for example {@code traces-apm-2025.11.21}
	 */
	public String indexFor(Instant eventTime) {
		return indexFor(eventTime.atOffset(ZoneOffset.UTC).toLocalDate());
	}

	/**
	 * Returns the index an event belongs to.
	 * @param epochMicros the event time in microseconds since the epoch
	 * @return the index name, for example {@code traces-apm-2025.11.21}
	 */
	public String indexFor(long epochMicros) {
		// Called once per ingested item, and nearly every item falls on the day of the
		// one before: the last name is kept rather than formatted again.
		long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
		DayIndex last = this.lastIndex;
		if (last != null && last.epochDay() == day) {
			return last.name();
		}
		String name = indexFor(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS));
		this.lastIndex = new DayIndex(day, name);
		return name;
	}

	/**
	 * Returns the index holding the events of a UTC day.
	 * @param day the day
	 * @return the index name
	 */
	public String indexFor(LocalDate day) {
		return this.prefix + "-" + (this.monthly ? MONTH.format(day) : DAY.format(day));
	}

	/**
	 * Returns the index targets that cover the time range {@code [from, to)}, in time
	 * order: one name per day (per month for a monthly family), where whole calendar
	 * months of a daily family collapse into a month pattern such as
	 * {@code traces-apm-2025.11.*}. Very long ranges give {@link #pattern()} alone. Some
	 * targets may not exist, so search with {@code ignore_unavailable=true} and
	 * {@code allow_no_indices=true}.
	 * @param from the start of the range, inclusive
	 * @param to the end of the range, exclusive
	 * @return the targets; empty when the range is empty
	 */
	public List<String> indicesFor(Instant from, Instant to) {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (!from.isBefore(to)) {
			return List.of();
		}
		LocalDate first;
		LocalDate last;
		try {
			first = from.atOffset(ZoneOffset.UTC).toLocalDate();
			// The end is exclusive: a range ending at midnight does not touch the next
			// day.
			last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
		}
		catch (DateTimeException ex) {
			// Beyond the years a date can hold: no list of names could cover it.
			return List.of(pattern());
		}
		// The list stops growing past the cap, so that no range, however long, costs
		// more than MAX_TARGETS names to build.
		List<String> targets = new ArrayList<>();
		if (this.monthly) {
			for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month
				.plusMonths(1)) {
				if (targets.size() == MAX_TARGETS) {
					return List.of(pattern());
				}
				targets.add(indexFor(month.atDay(1)));
			}
		}
		else {
			LocalDate day = first;
			while (!day.isAfter(last)) {
				if (targets.size() == MAX_TARGETS) {
					return List.of(pattern());
				}
				YearMonth month = YearMonth.from(day);
				if (day.getDayOfMonth() == 1 && !month.atEndOfMonth().isAfter(last)) {
					targets.add(this.prefix + "-" + MONTH.format(month) + ".*");
					day = day.plusMonths(1);
				}
				else {
					targets.add(indexFor(day));
					day = day.plusDays(1);
				}
			}
		}
		return List.copyOf(targets);
	}

	/**
	 * Returns the first day an index of this family holds: its day, or the first day of
	 * its month for a monthly family.
	 * @param indexName an index name
	 * @return the day, or empty when the name is not a dated index of this family
	 */
	public Optional<LocalDate> dateOf(String indexName) {
		if (indexName == null || !indexName.startsWith(this.prefix + "-")) {
			return Optional.empty();
		}
		String period = indexName.substring(this.prefix.length() + 1);
		try {
			if (this.monthly) {
				return (period.length() == 7) ? Optional.of(YearMonth.parse(period, MONTH).atDay(1)) : Optional.empty();
			}
			return (period.length() == 10) ? Optional.of(LocalDate.parse(period, DAY)) : Optional.empty();
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns whether every event an index can hold is before {@code cutoff}, that is
	 * whether its whole UTC day (or month) ends at or before the cutoff. Retention
	 * deletes an index when this holds for {@code now - retention}. Names this family
	 * does not own are never before the cutoff, so that retention leaves foreign indices
	 * alone.
	 * @param indexName an index name
	 * @param cutoff the cutoff
	 * @return whether the index is entirely older than the cutoff
	 */
	public boolean isEntirelyBefore(String indexName, Instant cutoff) {
		return dateOf(indexName).map((start) -> this.monthly ? start.plusMonths(1) : start.plusDays(1))
			.map((end) -> !end.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff))
			.orElse(false);
	}

	/**
	 * Returns the family an index belongs to.
	 * @param indexName an index name
	 * @return the family, or empty when the name is not a dated index of any family
	 */
	public static Optional<IndexFamily> ofIndex(String indexName) {
		for (IndexFamily family : values()) {
			if (family.dateOf(indexName).isPresent()) {
				return Optional.of(family);
			}
		}
		return Optional.empty();
	}

	private record DayIndex(long epochDay, String name) {
	}

}

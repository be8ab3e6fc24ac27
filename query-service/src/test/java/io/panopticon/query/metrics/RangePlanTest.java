package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangePlanTest {

	private static final long MINUTE = 60_000;

	private static final long HOUR = 3_600_000;

	/** 2026-11-22T00:00:00Z. */
	private static final long DAY = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

	@Test
	void withoutMarkersEverythingIsRaw() {
		RangePlan plan = RangePlan.of(DAY, DAY + 6 * HOUR, DAY + 7 * HOUR, true, Markers.NONE);
		assertThat(plan.hours()).isEmpty();
		assertThat(plan.minutes()).isEmpty();
		assertThat(plan.raw()).containsExactly(new Slice(DAY, DAY + 6 * HOUR));
	}

	@Test
	void markedHoursAreHourlyMarkedMinutesAreMinutesAndTheRestRaw() {
		Markers.Builder markers = new Markers.Builder().hour(DAY + HOUR).hour(DAY + 2 * HOUR);
		// Minutes 30..59 of hour 0, all minutes of hour 3 up to :40.
		for (long m = DAY + 30 * MINUTE; m < DAY + HOUR; m += MINUTE) {
			markers.minute(m);
		}
		for (long m = DAY + 3 * HOUR; m < DAY + 3 * HOUR + 40 * MINUTE; m += MINUTE) {
			markers.minute(m);
		}
		long from = DAY + 20 * MINUTE + 1_500;
		long now = DAY + 4 * HOUR;
		RangePlan plan = RangePlan.of(from, now, now - 15 * MINUTE, true, markers.build());
		assertThat(plan.hours()).containsExactly(new Slice(DAY + HOUR, DAY + 3 * HOUR));
		assertThat(plan.minutes()).containsExactly(new Slice(DAY + 30 * MINUTE, DAY + HOUR),
				new Slice(DAY + 3 * HOUR, DAY + 3 * HOUR + 40 * MINUTE));
		assertThat(plan.raw()).containsExactly(new Slice(from, DAY + 30 * MINUTE),
				new Slice(DAY + 3 * HOUR + 40 * MINUTE, now));
		assertCovers(plan, from, now);
		assertThat(plan.describe()).isEqualTo("hours=2 minutes=70 raw-ms=" + (20 * MINUTE + 10 * MINUTE - 1_500));
	}

	@Test
	void theNewestPartIsRawEvenWhenMarked() {
		Markers.Builder markers = new Markers.Builder().fullHour(DAY).hour(DAY);
		long now = DAY + 50 * MINUTE;
		RangePlan plan = RangePlan.of(DAY, now, now - 15 * MINUTE, true, markers.build());
		// The hour is not over, so its marker cannot be trusted for the whole hour.
		assertThat(plan.hours()).isEmpty();
		assertThat(plan.minutes()).containsExactly(new Slice(DAY, DAY + 35 * MINUTE));
		assertThat(plan.raw()).containsExactly(new Slice(DAY + 35 * MINUTE, now));
	}

	@Test
	void anHourOnlyPartlyInTheRangeIsReadByTheMinute() {
		Markers.Builder markers = new Markers.Builder().hour(DAY).fullHour(DAY);
		RangePlan plan = RangePlan.of(DAY + 10 * MINUTE, DAY + 70 * MINUTE, DAY + 5 * HOUR, true, markers.build());
		assertThat(plan.hours()).isEmpty();
		assertThat(plan.minutes()).containsExactly(new Slice(DAY + 10 * MINUTE, DAY + HOUR));
		assertThat(plan.raw()).containsExactly(new Slice(DAY + HOUR, DAY + 70 * MINUTE));
	}

	@Test
	void anHourWithAllMinutesButNoHourMarkerIsReadByTheMinute() {
		Markers.Builder markers = new Markers.Builder().fullHour(DAY);
		RangePlan plan = RangePlan.of(DAY, DAY + HOUR, DAY + 5 * HOUR, true, markers.build());
		assertThat(plan.hours()).isEmpty();
		assertThat(plan.minutes()).containsExactly(new Slice(DAY, DAY + HOUR));
		assertThat(plan.raw()).isEmpty();
	}

	@Test
	void withoutHourlyRollupsMarkedHoursAreReadByTheMinute() {
		Markers.Builder markers = new Markers.Builder().hour(DAY).fullHour(DAY);
		RangePlan plan = RangePlan.of(DAY, DAY + HOUR, DAY + 5 * HOUR, false, markers.build());
		assertThat(plan.hours()).isEmpty();
		assertThat(plan.minutes()).containsExactly(new Slice(DAY, DAY + HOUR));
	}

	@Test
	void anHourMarkerWithoutItsMinutesIsStillUsedForTheWholeHour() {
		// The aggregator writes the hour marker only after all 60 minutes: the minute
		// markers may have been removed by retention since.
		RangePlan plan = RangePlan.of(DAY, DAY + HOUR, DAY + 5 * HOUR, true, new Markers.Builder().hour(DAY).build());
		assertThat(plan.hours()).containsExactly(new Slice(DAY, DAY + HOUR));
		assertThat(plan.raw()).isEmpty();
	}

	@Test
	void gapsInTheMinutesAreRaw() {
		Markers.Builder markers = new Markers.Builder();
		for (long m = DAY; m < DAY + 30 * MINUTE; m += MINUTE) {
			if (m != DAY + 10 * MINUTE && m != DAY + 11 * MINUTE) {
				markers.minute(m);
			}
		}
		RangePlan plan = RangePlan.of(DAY, DAY + 30 * MINUTE, DAY + HOUR, true, markers.build());
		assertThat(plan.minutes()).containsExactly(new Slice(DAY, DAY + 10 * MINUTE),
				new Slice(DAY + 12 * MINUTE, DAY + 30 * MINUTE));
		assertThat(plan.raw()).containsExactly(new Slice(DAY + 10 * MINUTE, DAY + 12 * MINUTE));
		assertCovers(plan, DAY, DAY + 30 * MINUTE);
	}

	@Test
	void patchyMinutesFallBackToRawAroundTheHours() {
		Markers.Builder markers = new Markers.Builder().hour(DAY + 10 * HOUR);
		// Every other minute over ten hours: far more slices than a query should carry.
		for (long m = DAY; m < DAY + 10 * HOUR; m += 2 * MINUTE) {
			markers.minute(m);
		}
		RangePlan plan = RangePlan.of(DAY, DAY + 12 * HOUR, DAY + 20 * HOUR, true, markers.build());
		assertThat(plan.hours()).containsExactly(new Slice(DAY + 10 * HOUR, DAY + 11 * HOUR));
		assertThat(plan.minutes()).isEmpty();
		assertThat(plan.raw()).containsExactly(new Slice(DAY, DAY + 10 * HOUR),
				new Slice(DAY + 11 * HOUR, DAY + 12 * HOUR));
	}

	@Test
	void withinClipsEverySource() {
		Markers.Builder markers = new Markers.Builder().hour(DAY + HOUR).fullHour(DAY);
		RangePlan plan = RangePlan.of(DAY, DAY + 3 * HOUR, DAY + 2 * HOUR, true, markers.build());
		RangePlan part = plan.within(DAY + 30 * MINUTE, DAY + 2 * HOUR + 30 * MINUTE);
		assertThat(part.minutes()).containsExactly(new Slice(DAY + 30 * MINUTE, DAY + HOUR));
		assertThat(part.hours()).containsExactly(new Slice(DAY + HOUR, DAY + 2 * HOUR));
		assertThat(part.raw()).containsExactly(new Slice(DAY + 2 * HOUR, DAY + 2 * HOUR + 30 * MINUTE));
	}

	/** The slices do not overlap and cover the range exactly. */
	private static void assertCovers(RangePlan plan, long from, long to) {
		List<Slice> all = new ArrayList<>(plan.hours());
		all.addAll(plan.minutes());
		all.addAll(plan.raw());
		all.sort((a, b) -> Long.compare(a.fromMillis(), b.fromMillis()));
		long t = from;
		for (Slice slice : all) {
			assertThat(slice.fromMillis()).isEqualTo(t);
			t = slice.toMillis();
		}
		assertThat(t).isEqualTo(to);
	}

}

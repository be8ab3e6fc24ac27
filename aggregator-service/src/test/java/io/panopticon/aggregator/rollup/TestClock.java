package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets and moves. Each reading advances it by a millisecond, so that
 * successive readings (such as the {@code rolledAt} of successive units of work) are
 * ordered while the test still decides which minutes are closed. Thread-safe.
 */
final class TestClock extends Clock {

	private Instant now;

	TestClock(Instant now) {
		this.now = now;
	}

	synchronized void set(Instant now) {
		this.now = now;
	}

	synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public synchronized Instant instant() {
		Instant reading = this.now;
		this.now = this.now.plusMillis(1);
		return reading;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}

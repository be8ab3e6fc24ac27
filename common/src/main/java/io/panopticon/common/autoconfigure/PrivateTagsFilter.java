package io.panopticon.common.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Drops the meter tags whose values are tenants' data or the server's layout:
 * <ul>
 * <li>{@code path} of the {@code disk.*} meters (the data directory's absolute path);
 * </li>
 * <li>{@code service} of Panopticon's own {@code panopticon.*} meters (service names seen
 * in telemetry, which any sender can invent).</li>
 * </ul>
 * Meters that differed only by a dropped tag become one: their values add up (counters)
 * or the first registered one is kept (gauges).
 */
final class PrivateTagsFilter implements MeterFilter {

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getName().startsWith("disk.")) {
			return without(id, "path");
		}
		if (id.getName().startsWith("panopticon.")) {
			return without(id, "service");
		}
		return id;
	}

	private static Meter.Id without(Meter.Id id, String key) {
		if (id.getTag(key) == null) {
			return id;
		}
		List<Tag> kept = id.getTags().stream().filter((tag) -> !tag.getKey().equals(key)).toList();
		return id.replaceTags(kept);
	}

}

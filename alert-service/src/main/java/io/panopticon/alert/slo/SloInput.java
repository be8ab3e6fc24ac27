package io.panopticon.alert.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.panopticon.common.web.InvalidParameterException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an SLO from a request body, in the full form ({@code indicator},
 * {@code objective}, ...) or in seed 000's simple form ({@code serviceName},
 * {@code metricType}, {@code threshold}, {@code webhooks}), and checks every field; a
 * wrong one is an {@link InvalidParameterException} naming it.
 * <p>
 * Simple form: for {@code error_rate} the threshold is the highest acceptable error rate
 * in percent (objective = 100 − threshold); for {@code latency} a time in ms that 99 % of
 * requests must beat, unless an objective is given; for {@code throughput} the minimum
 * requests per minute, met in 99 % of minutes unless an objective is given. The window
 * defaults to 28 days in both forms.
 * <p>
 * The entries of {@code webhooks} or {@code channels} are channel ids or inline channels
 * ({@code {"type", "url", ...}}); a {@link ChannelResolver} turns each into the id of an
 * existing or newly created channel once every other field has been checked.
 */
public final class SloInput {

	/** The objective of a simple-form latency or throughput SLO without one. */
	static final double SIMPLE_OBJECTIVE = 99;

	static final int DEFAULT_WINDOW_DAYS = 28;

	static final int MAX_TEXT = 256;

	static final int MAX_LABELS = 32;

	static final int MAX_CHANNELS = 32;

	static final int MAX_ALERTS = 8;

	static final int MAX_ALERT_WINDOW_DAYS = 3;

	private static final Set<Integer> WINDOW_DAYS = Set.of(7, 28, 30);

	private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

	private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,62}");

	private static final Set<String> FIELDS = Set.of("name", "serviceName", "environment", "endpoint", "indicator",
			"metricType", "threshold", "objective", "windowDays", "channels", "webhooks", "labels", "burnRateAlerts");

	private SloInput() {
	}

	/**
	 * Reads an SLO.
	 * @param body the request body
	 * @param resolver turns the entries of the channel list into channel ids
	 * @return the definition
	 * @throws InvalidParameterException naming the first wrong field
	 */
	public static SloDefinition read(JsonNode body, ChannelResolver resolver) {
		if (body == null || !body.isObject()) {
			throw new InvalidParameterException("body", "must be a JSON object");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidParameterException(field, "is not a field of an SLO");
			}
		}
		boolean simple = body.has("metricType");
		if (simple && body.has("indicator")) {
			throw new InvalidParameterException("metricType", "give either metricType (simple form) or indicator");
		}
		String serviceName = text(body, "serviceName", true);
		String environment = text(body, "environment", false);
		String endpoint = text(body, "endpoint", false);
		String indicatorField = simple ? "metricType" : "indicator";
		String indicatorName = text(body, indicatorField, true);
		Indicator indicator = Indicator.of(indicatorName);
		if (indicator == null) {
			throw new InvalidParameterException(indicatorField, "must be error_rate, latency or throughput");
		}
		Double threshold = number(body, "threshold");
		Double objective = number(body, "objective");
		if (simple && indicator == Indicator.ERROR_RATE) {
			if (threshold == null) {
				throw new InvalidParameterException("threshold",
						"is required: the highest acceptable error rate in percent");
			}
			if (!(threshold > 0 && threshold < 100)) {
				throw new InvalidParameterException("threshold", "must be between 0 and 100 (exclusive), in percent");
			}
			double derived = 100 - threshold;
			if (objective != null && Math.abs(objective - derived) > 1e-9) {
				throw new InvalidParameterException("objective",
						"is 100 − threshold for an error_rate in the simple form; leave it out");
			}
			objective = derived;
			threshold = null;
		}
		else if (indicator == Indicator.ERROR_RATE) {
			if (threshold != null) {
				throw new InvalidParameterException("threshold", "is not used by error_rate; set objective");
			}
		}
		else {
			if (threshold == null) {
				throw new InvalidParameterException("threshold",
						(indicator == Indicator.LATENCY) ? "is required: the time in ms requests must beat"
								: "is required: the minimum requests per minute");
			}
			if (!(threshold > 0) || threshold > 86_400_000) {
				throw new InvalidParameterException("threshold", "must be above 0");
			}
			if (objective == null && simple) {
				objective = SIMPLE_OBJECTIVE;
			}
		}
		if (objective == null) {
			throw new InvalidParameterException("objective", "is required: the share of good events in percent");
		}
		if (!(objective > 0 && objective < 100)) {
			throw new InvalidParameterException("objective", "must be between 0 and 100 (exclusive), in percent");
		}
		int windowDays = windowDays(body);
		if (body.has("channels") && body.has("webhooks")) {
			throw new InvalidParameterException("webhooks", "give either webhooks or channels");
		}
		String channelsField = body.has("webhooks") ? "webhooks" : "channels";
		List<ChannelEntry> entries = channels(body.get(channelsField), channelsField);
		Map<String, String> labels = labels(body.get("labels"));
		List<BurnRateAlert> alerts = alerts(body.get("burnRateAlerts"), windowDays);
		String name = text(body, "name", false);
		if (name == null) {
			name = serviceName + ((endpoint != null) ? " " + endpoint : "") + " " + indicator.apiName();
		}
		// Last, so that an inline channel is only created for an SLO that is otherwise
		// right.
		List<Long> channels = new ArrayList<>();
		for (ChannelEntry entry : entries) {
			long id = resolver.resolve(entry);
			if (!channels.contains(id)) {
				channels.add(id);
			}
		}
		return new SloDefinition(name, serviceName, environment, endpoint, indicator, threshold, objective, windowDays,
				channels, labels, alerts);
	}

	private static String text(JsonNode body, String field, boolean required) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidParameterException(field, "is required");
			}
			return null;
		}
		if (!value.isString()) {
			throw new InvalidParameterException(field, "must be a string");
		}
		String text = value.asString().strip();
		if (text.isEmpty()) {
			if (required) {
				throw new InvalidParameterException(field, "is required");
			}
			return null;
		}
		if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidParameterException(field,
					"must have at most " + MAX_TEXT + " characters and no control characters");
		}
		return text;
	}

	private static Double number(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
			throw new InvalidParameterException(field, "must be a number");
		}
		return value.asDouble();
	}

	private static int windowDays(JsonNode body) {
		JsonNode value = body.get("windowDays");
		if (value == null || value.isNull()) {
			return DEFAULT_WINDOW_DAYS;
		}
		if (!value.isIntegralNumber() || !WINDOW_DAYS.contains(value.asInt())) {
			throw new InvalidParameterException("windowDays", "must be 7, 28 or 30");
		}
		return value.asInt();
	}

	private static List<ChannelEntry> channels(JsonNode value, String field) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new InvalidParameterException(field, "must be an array of channel ids or channels");
		}
		if (value.size() > MAX_CHANNELS) {
			throw new InvalidParameterException(field, "must have at most " + MAX_CHANNELS + " channels");
		}
		List<ChannelEntry> entries = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			JsonNode entry = value.get(i);
			String entryField = field + "[" + i + "]";
			if (entry.isObject()) {
				entries.add(new ChannelEntry(entryField, null, entry, field.equals("webhooks")));
				continue;
			}
			Long id = null;
			if (entry.isIntegralNumber() && entry.canConvertToLong()) {
				id = entry.asLong();
			}
			else if (entry.isString() && entry.asString().strip().matches("[0-9]{1,18}")) {
				id = Long.parseLong(entry.asString().strip());
			}
			if (id == null || id < 1) {
				throw new InvalidParameterException(entryField,
						"must be a channel id (a JSON number or a string of digits) or a channel object");
			}
			entries.add(new ChannelEntry(entryField, id, null, false));
		}
		return entries;
	}

	private static Map<String, String> labels(JsonNode value) {
		if (value == null || value.isNull()) {
			return Map.of();
		}
		if (!value.isObject()) {
			throw new InvalidParameterException("labels", "must be an object of strings");
		}
		if (value.size() > MAX_LABELS) {
			throw new InvalidParameterException("labels", "must have at most " + MAX_LABELS + " labels");
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (String key : value.propertyNames()) {
			JsonNode label = value.get(key);
			if (!LABEL_KEY.matcher(key).matches()) {
				throw new InvalidParameterException("labels",
						"'" + key + "' is no label name (letters, digits, '_', '.', '-'; up to 63)");
			}
			if (!label.isString() || label.asString().length() > MAX_TEXT
					|| label.asString().chars().anyMatch(Character::isISOControl)) {
				throw new InvalidParameterException("labels", "the value of '" + key + "' must be a string of at most "
						+ MAX_TEXT + " characters without control characters");
			}
			labels.put(key, label.asString());
		}
		return labels;
	}

	private static List<BurnRateAlert> alerts(JsonNode value, int windowDays) {
		if (value == null || value.isNull()) {
			return BurnRateAlert.DEFAULTS;
		}
		if (!value.isArray() || value.size() > MAX_ALERTS) {
			throw new InvalidParameterException("burnRateAlerts",
					"must be an array of at most " + MAX_ALERTS + " conditions");
		}
		List<BurnRateAlert> alerts = new ArrayList<>();
		// Evaluation reads the longest window every interval: three days at most, as in
		// the SRE workbook.
		Duration longest = Duration.ofDays(Math.min(windowDays, MAX_ALERT_WINDOW_DAYS));
		for (JsonNode entry : value) {
			if (!entry.isObject()) {
				throw new InvalidParameterException("burnRateAlerts",
						"each condition is an object with severity, factor, longWindow and shortWindow");
			}
			String severity = entry.path("severity").asString("");
			if (!SEVERITIES.contains(severity)) {
				throw new InvalidParameterException("burnRateAlerts", "severity must be info, warning or critical");
			}
			JsonNode factor = entry.path("factor");
			if (!factor.isNumber() || !(factor.asDouble() > 0) || !Double.isFinite(factor.asDouble())) {
				throw new InvalidParameterException("burnRateAlerts", "factor must be a number above 0");
			}
			Duration longWindow = Windows.parse(entry.path("longWindow").asString(null));
			Duration shortWindow = Windows.parse(entry.path("shortWindow").asString(null));
			if (longWindow == null || shortWindow == null) {
				throw new InvalidParameterException("burnRateAlerts",
						"longWindow and shortWindow are lengths such as 5m, 1h or 3d");
			}
			if (shortWindow.compareTo(longWindow) >= 0 || longWindow.compareTo(longest) > 0) {
				throw new InvalidParameterException("burnRateAlerts",
						"shortWindow must be shorter than longWindow, which is at most 3d");
			}
			alerts.add(new BurnRateAlert(severity, factor.asDouble(), Windows.format(longWindow),
					Windows.format(shortWindow)));
		}
		return alerts;
	}

	/**
	 * One entry of an SLO's channel list.
	 *
	 * @param field where it is, for example {@code webhooks[1]}
	 * @param id the channel id given, or null for an inline channel
	 * @param inline the inline channel, or null
	 * @param inferType whether an inline channel without a type takes it from its URL, as
	 * {@code POST /api/webhooks} does (seed 000's {@code webhooks})
	 */
	public record ChannelEntry(String field, Long id, JsonNode inline, boolean inferType) {
	}

	/** Turns an entry of an SLO's channel list into a channel id. */
	@FunctionalInterface
	public interface ChannelResolver {

		/**
		 * @param entry the entry
		 * @return the id of the existing channel, or of the channel created for it
		 * @throws InvalidParameterException naming the entry's field (or a field within
		 * it) if there is no such channel or the inline channel is wrong
		 */
		long resolve(ChannelEntry entry);

	}

}

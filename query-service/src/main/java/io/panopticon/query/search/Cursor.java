package io.panopticon.query.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.window.QueryWindow;

/**
 * Where the next page of a search starts: the sort values of the last hit of the previous
 * page (for {@code search_after}), and the time window of the first page. The window
 * travels with the cursor so that a relative range ({@code range=15m}) does not move
 * while a client pages, which would skip the oldest results.
 * <p>
 * A cursor is opaque to clients: a small JSON object, signed ({@link CursorCodec}). It
 * names the search and the sort it belongs to, so a cursor handed to another endpoint or
 * with another sort is refused as a bad {@code cursor} rather than silently returning the
 * wrong page.
 *
 * @param search which search issued it, such as {@code spans}
 * @param sort the sort it continues, such as {@code startTime:desc}
 * @param window the time window of the first page
 * @param after the sort values of the last hit already returned
 */
public record Cursor(String search, String sort, QueryWindow window, JsonNode after) {

	/** The parameter that carries a cursor. */
	public static final String PARAMETER = "cursor";

	static final String NOT_ISSUED = "it is not a cursor this service issued";

	private static final int VERSION = 1;

	public Cursor {
		Objects.requireNonNull(search, "search");
		Objects.requireNonNull(sort, "sort");
		Objects.requireNonNull(window, "window");
		if (after == null || !after.isArray()) {
			throw new IllegalArgumentException("after must be an array of sort values");
		}
	}

	/**
	 * Returns the cursor as the JSON that {@link CursorCodec} signs.
	 * @return the JSON text
	 */
	String toJson() {
		ObjectNode json = Query.JSON.createObjectNode();
		json.put("v", VERSION);
		json.put("q", this.search);
		json.put("s", this.sort);
		json.put("f", Times.micros(this.window.from()));
		json.put("t", Times.micros(this.window.to()));
		json.set("a", this.after);
		return json.toString();
	}

	/**
	 * Reads a cursor's JSON, whose signature {@link CursorCodec} has checked, and checks
	 * it against the search asked for and its window against the limits in force now.
	 * @param payload the JSON
	 * @param search the search being asked for
	 * @param sort the sort being asked for, such as {@code startTime:desc}
	 * @param criteria the sort criteria of that search, which the values must fit
	 * @param maxRange the longest window accepted
	 * @return the cursor
	 * @throws InvalidParameterException naming {@code cursor} if it does not fit
	 */
	static Cursor fromJson(byte[] payload, String search, String sort, List<Sort> criteria, Duration maxRange) {
		JsonNode json;
		try {
			json = Query.JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			throw invalid(NOT_ISSUED);
		}
		if (json == null || !json.isObject() || json.path("v").asInt(0) != VERSION || !isLong(json.path("f"))
				|| !isLong(json.path("t")) || !json.path("a").isArray()) {
			throw invalid(NOT_ISSUED);
		}
		if (!search.equals(json.path("q").asString("")) || !sort.equals(json.path("s").asString(""))) {
			throw invalid("it belongs to another search or sort; start again without a cursor");
		}
		JsonNode after = json.path("a");
		if (after.size() != criteria.size()) {
			throw invalid(NOT_ISSUED);
		}
		for (int i = 0; i < criteria.size(); i++) {
			if (!criteria.get(i).accepts(after.get(i))) {
				throw invalid(NOT_ISSUED);
			}
		}
		Instant from = Times.instant(json.path("f").asLong());
		Instant to = Times.instant(json.path("t").asLong());
		// Checked as a window from parameters is: the maximum may have been lowered since
		// the cursor was issued.
		return new Cursor(search, sort, QueryWindow.checked(PARAMETER, from, PARAMETER, to, maxRange), after);
	}

	private static boolean isLong(JsonNode node) {
		return node.isIntegralNumber() && node.canConvertToLong();
	}

	static InvalidParameterException invalid(String reason) {
		return new InvalidParameterException(PARAMETER, reason);
	}

}

package io.panopticon.query.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
 * A cursor is opaque to clients: base64url (no padding) of a small JSON object. It names
 * the search and the sort it belongs to, so a cursor handed to another endpoint or with
 * another sort is refused as a bad {@code cursor} rather than silently returning the
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

	private static final int VERSION = 1;

	private static final int MAX_LENGTH = 4096;

	public Cursor {
		Objects.requireNonNull(search, "search");
		Objects.requireNonNull(sort, "sort");
		Objects.requireNonNull(window, "window");
		if (after == null || !after.isArray()) {
			throw new IllegalArgumentException("after must be an array of sort values");
		}
	}

	/**
	 * Returns the cursor's text.
	 * @return base64url without padding
	 */
	public String encode() {
		ObjectNode json = Query.JSON.createObjectNode();
		json.put("v", VERSION);
		json.put("q", this.search);
		json.put("s", this.sort);
		json.put("f", Times.micros(this.window.from()));
		json.put("t", Times.micros(this.window.to()));
		json.set("a", this.after);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a cursor a client sent back.
	 * @param text the {@code cursor} parameter
	 * @param search the search being asked for
	 * @param sort the sort being asked for, such as {@code startTime:desc}
	 * @param criteria the sort criteria of that search, which the values must fit
	 * @return the cursor
	 * @throws InvalidParameterException naming {@code cursor} if the text is not a cursor
	 * of this search and sort
	 */
	public static Cursor decode(String text, String search, String sort, List<Sort> criteria) {
		if (text.length() > MAX_LENGTH) {
			throw invalid("it is too long");
		}
		JsonNode json;
		try {
			json = Query.JSON.readTree(Base64.getUrlDecoder().decode(text.trim()));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw invalid("it is not a cursor this service issued");
		}
		if (json == null || !json.isObject() || json.path("v").asInt(0) != VERSION || !json.path("f").isIntegralNumber()
				|| !json.path("t").isIntegralNumber() || !json.path("a").isArray()) {
			throw invalid("it is not a cursor this service issued");
		}
		if (!search.equals(json.path("q").asString("")) || !sort.equals(json.path("s").asString(""))) {
			throw invalid("it belongs to another search or sort; start again without a cursor");
		}
		JsonNode after = json.path("a");
		if (after.size() != criteria.size()) {
			throw invalid("it is not a cursor this service issued");
		}
		for (int i = 0; i < criteria.size(); i++) {
			if (!criteria.get(i).accepts(after.get(i))) {
				throw invalid("it is not a cursor this service issued");
			}
		}
		Instant from = Times.instant(json.path("f").asLong());
		Instant to = Times.instant(json.path("t").asLong());
		if (!from.isBefore(to)) {
			throw invalid("it is not a cursor this service issued");
		}
		return new Cursor(search, sort, new QueryWindow(from, to), after);
	}

	private static InvalidParameterException invalid(String reason) {
		return new InvalidParameterException(PARAMETER, reason);
	}

}

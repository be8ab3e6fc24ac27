package io.panopticon.alert.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.panopticon.common.web.InvalidParameterException;

/**
 * Paging by a row id: the cursor, opaque to clients as in the query API, is the id of the
 * last item of the page, so a page is never skewed by rows added meanwhile.
 */
public final class IdCursor {

	private static final String PREFIX = "id:";

	private IdCursor() {
	}

	/**
	 * @param lastId the id of the last item of a full page
	 * @return the cursor of the next page
	 */
	public static String encode(long lastId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * @param cursor a cursor from a previous page, or null
	 * @return the id after which the page starts, or null for the first page
	 * @throws InvalidParameterException if the cursor is not one of ours
	 */
	public static Long decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
			if (text.startsWith(PREFIX)) {
				return Long.parseLong(text.substring(PREFIX.length()));
			}
		}
		catch (IllegalArgumentException ex) {
			// Not base64 or not a number: answered below.
		}
		throw new InvalidParameterException("cursor", "not a cursor of this list; pass a nextCursor unchanged");
	}

	/**
	 * @param limit the requested page size, or null
	 * @param defaultLimit the size when none is requested
	 * @param max the largest size allowed
	 * @return the page size
	 * @throws InvalidParameterException if the limit is out of range
	 */
	public static int limit(Integer limit, int defaultLimit, int max) {
		if (limit == null) {
			return defaultLimit;
		}
		if (limit < 1 || limit > max) {
			throw new InvalidParameterException("limit", "must be between 1 and " + max);
		}
		return limit;
	}

}

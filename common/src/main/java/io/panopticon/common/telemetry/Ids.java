package io.panopticon.common.telemetry;

import java.util.Locale;

/**
 * Rules for trace and span ids, shared by the model's constructors (which throw) and the
 * codec (which collects problems).
 */
final class Ids {

	static final String TRACE_ID_RULE = "must be 16 or 32 hexadecimal digits, not all zeros";

	static final String SPAN_ID_RULE = "must be 16 hexadecimal digits, not all zeros";

	private Ids() {
	}

	/**
	 * Returns {@code id} in lower case when it is a valid trace id, else {@code null}.
	 * @param id the candidate
	 * @return the normalised id or {@code null}
	 */
	static String normaliseTraceId(String id) {
		return (id != null && (id.length() == 16 || id.length() == 32)) ? normaliseHex(id) : null;
	}

	/**
	 * Returns {@code id} in lower case when it is a valid span id, else {@code null}.
	 * @param id the candidate
	 * @return the normalised id or {@code null}
	 */
	static String normaliseSpanId(String id) {
		return (id != null && id.length() == 16) ? normaliseHex(id) : null;
	}

	static String requireTraceId(String id, String field) {
		String normalised = normaliseTraceId(id);
		if (normalised == null) {
			throw new IllegalArgumentException(field + " " + TRACE_ID_RULE + ": " + id);
		}
		return normalised;
	}

	static String requireSpanId(String id, String field) {
		String normalised = normaliseSpanId(id);
		if (normalised == null) {
			throw new IllegalArgumentException(field + " " + SPAN_ID_RULE + ": " + id);
		}
		return normalised;
	}

	// All zeros is the "invalid" id of W3C trace context and B3; accepting
	// it would give unrelated spans the same document id.
	private static String normaliseHex(String id) {
		boolean allZeros = true;
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!hex) {
				return null;
			}
			allZeros &= (c == '0');
		}
		return allZeros ? null : id.toLowerCase(Locale.ROOT);
	}

}

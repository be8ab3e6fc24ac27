package io.panopticon.common.web;

import java.util.regex.Pattern;

/**
 * Cleans a message before it reaches a caller: parsers' messages (Jackson, Gson through
 * protobuf's JSON format, ...) name their own classes, settings and troubleshooting
 * pages, which mean nothing to a caller and tell an attacker which libraries run here.
 * What is left still says what is wrong and where. Thread-safe; all methods are static.
 */
public final class SafeDetail {

	/** The longest detail answered; parsers echo input, which can be long. */
	static final int MAX_LENGTH = 300;

	/** {@code com.google.gson.stream.MalformedJsonException: } before the message. */
	private static final Pattern EXCEPTION_PREFIX = Pattern
		.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

	/** {@code (from `StreamReadConstraints.getMaxNumberLength()`)} and the like. */
	private static final Pattern CODE_ASIDE = Pattern.compile("\\s*\\([^()]*`[^`]*`[^()]*\\)");

	/** {@code , from `StreamReadConstraints.getMaxNumberLength()`} inside parentheses. */
	private static final Pattern CODE_CLAUSE = Pattern.compile(",\\s*from\\s+`[^`]*`");

	/** Any other qualified class name: only its simple name is kept. */
	private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}([A-Z][\\w$]*)");

	/**
	 * Jackson's location notes, {@code (start marker at [Source: REDACTED; byte offset:
	 * #UNKNOWN])} or {@code at [Source: ...; line: 1, column: 2]}: how the parser saw its
	 * input, not where the caller's mistake is.
	 */
	private static final Pattern SOURCE_LOCATION = Pattern
		.compile("\\s*(?:\\(start marker at \\[Source: [^\\]]*\\]\\)|at \\[Source: [^\\]]*\\])");

	/** {@code See https://github.com/google/gson/...} troubleshooting links. */
	private static final Pattern SEE_LINK = Pattern.compile("\\s*See https?://\\S+");

	private SafeDetail() {
	}

	/**
	 * Cleans a message for a caller.
	 * @param message the message, possibly holding an exception's text
	 * @return the message without class names, library settings or links, at most
	 * {@value #MAX_LENGTH} characters; {@code null} for {@code null}
	 */
	public static String of(String message) {
		if (message == null) {
			return null;
		}
		String clean = EXCEPTION_PREFIX.matcher(message).replaceAll("");
		clean = CODE_CLAUSE.matcher(clean).replaceAll("");
		clean = CODE_ASIDE.matcher(clean).replaceAll("");
		clean = SOURCE_LOCATION.matcher(clean).replaceAll("");
		clean = QUALIFIED_NAME.matcher(clean).replaceAll("$1");
		clean = SEE_LINK.matcher(clean).replaceAll("");
		clean = clean.strip();
		return (clean.length() > MAX_LENGTH) ? clean.substring(0, MAX_LENGTH - 1) + "…" : clean;
	}

}

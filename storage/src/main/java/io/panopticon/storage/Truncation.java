package io.panopticon.storage;

/**
 * Cuts strings that Elasticsearch would refuse or ignore as keywords.
 */
final class Truncation {

	private Truncation() {
	}

	/**
	 * Returns {@code text} cut to at most {@code maxLength} UTF-16 characters, never
	 * between the two halves of a surrogate pair (which would leave an unpaired surrogate
	 * that is not valid UTF-8).
	 * @param text the text
	 * @param maxLength the most characters to keep; 0 or less keeps none
	 * @return {@code text} itself when short enough, else its longest valid prefix
	 */
	static String toLength(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		if (maxLength <= 0) {
			return "";
		}
		int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return text.substring(0, end);
	}

}

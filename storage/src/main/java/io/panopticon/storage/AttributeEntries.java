package io.panopticon.storage;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Writes attributes as the entries of a searchable keyword array: {@code key} and
 * {@code key=value} for each attribute, as Zipkin does with its {@code _q} field, so that
 * one field answers "has attribute" and "attribute equals" without a mapped field per
 * attribute key.
 * <ul>
 * <li>Values are written as text: strings as they are, booleans as {@code true} or
 * {@code false}, integers in decimal, floating-point numbers as Java prints them
 * ({@code 2.5}, {@code 1000.0}, {@code 1.0E21}).</li>
 * <li>A list gives one {@code key=element} entry per element; an element that is itself a
 * list or an object is written as compact JSON, {@code null} elements are skipped.</li>
 * <li>A nested object is flattened with dots: {@code {"http": {"method": "GET"}}} gives
 * {@code http.method} and {@code http.method=GET}.</li>
 * <li>An entry longer than {@link #MAX_ENTRY_LENGTH} characters is cut to that length, so
 * a long value is still found by its key and by a prefix query on its first characters.
 * The full values stay in the document's stored, unindexed copy of the attributes.</li>
 * </ul>
 */
final class AttributeEntries {

	/**
	 * The longest entry in characters. Matches the {@code ignore_above} of the
	 * {@code attributes} mapping, and keeps a term far below Lucene's limit of 32,766
	 * bytes.
	 */
	static final int MAX_ENTRY_LENGTH = 256;

	private AttributeEntries() {
	}

	/**
	 * Writes the entries of {@code attributes} as strings into the array the generator is
	 * in.
	 * @param generator a generator positioned inside an array
	 * @param attributes the attributes, following the value rules of the telemetry model
	 */
	static void write(JsonGenerator generator, Map<String, Object> attributes) {
		write(generator, null, attributes);
	}

	private static void write(JsonGenerator generator, String prefix, Map<?, ?> attributes) {
		// forEach, not entrySet(): the model's maps are unmodifiable views, whose entry
		// set wraps every entry in a new object.
		attributes.forEach((name, value) -> writeEntries(generator,
				(prefix != null) ? prefix + "." + name : (String) name, value));
	}

	private static void writeEntries(JsonGenerator generator, String key, Object value) {
		if (value instanceof Map<?, ?> nested) {
			write(generator, key, nested);
			return;
		}
		generator.writeString(Truncation.toLength(key, MAX_ENTRY_LENGTH));
		// A key that fills an entry on its own would give a key=value entry
		// identical to the key entry after cutting.
		if (key.length() >= MAX_ENTRY_LENGTH) {
			return;
		}
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (element != null) {
					writeKeyValue(generator, key, element);
				}
			}
		}
		else if (value != null) {
			writeKeyValue(generator, key, value);
		}
	}

	private static void writeKeyValue(JsonGenerator generator, String key, Object value) {
		// Cutting the value before joining spares copying a long value whole.
		int room = MAX_ENTRY_LENGTH - key.length() - 1;
		generator.writeString(key + "=" + Truncation.toLength(text(value), room));
	}

	private static String text(Object value) {
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof Map || value instanceof List) {
			StringWriter json = new StringWriter();
			try (JsonGenerator generator = DocumentJson.FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
				DocumentJson.writeValue(generator, value);
			}
			return json.toString();
		}
		// Boolean, Long, BigInteger and Double print as intended.
		return String.valueOf(value);
	}

}

package io.panopticon.storage;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * What {@link SpanDocuments} and {@link LogDocuments} share: the JSON factory and the
 * writing of attribute values.
 */
final class DocumentJson {

	// Not escaping '/' (Jackson 3 does by default) keeps routes such as
	// "/orders/{id}" readable in _source and the documents smaller. The
	// generator must not close a caller's stream.
	static final JsonFactory FACTORY = JsonFactory.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private DocumentJson() {
	}

	/**
	 * Returns a field name pre-encoded once, so that the generator only copies its bytes.
	 * @param name the field name
	 * @return the encoded name
	 */
	static SerializableString name(String name) {
		return new SerializedString(name);
	}

	/**
	 * Runs {@code writer} against a new buffer and returns what it wrote. Ingest writes
	 * documents straight into its request bodies; this serves tests, fixtures and tools.
	 * @param writer writes one document to the stream it is given
	 * @return the bytes written
	 */
	static byte[] toBytes(Consumer<OutputStream> writer) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
		writer.accept(buffer);
		return buffer.toByteArray();
	}

	/**
	 * Returns a UTF-8 generator writing to {@code out}, which it leaves open.
	 * @param out the stream
	 * @return the generator
	 */
	static JsonGenerator generator(OutputStream out) {
		return FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
	}

	/**
	 * Writes a string field unless the value is {@code null}.
	 * @param json the generator
	 * @param name the field name
	 * @param value the value, or {@code null}
	 */
	static void writeIfPresent(JsonGenerator json, SerializableString name, String value) {
		if (value != null) {
			json.writeName(name);
			json.writeString(value);
		}
	}

	/**
	 * Writes an object field unless the map is empty.
	 * @param json the generator
	 * @param name the field name
	 * @param map the attributes
	 */
	static void writeIfPresent(JsonGenerator json, SerializableString name, Map<String, Object> map) {
		if (!map.isEmpty()) {
			json.writeName(name);
			writeValue(json, map);
		}
	}

	/**
	 * Writes an attribute value of the telemetry model as JSON.
	 * @param json the generator
	 * @param value a string, boolean, {@code Long}, {@code BigInteger}, {@code Double},
	 * list or map, or {@code null} (inside a list)
	 */
	static void writeValue(JsonGenerator json, Object value) {
		if (value == null) {
			json.writeNull();
		}
		else if (value instanceof String string) {
			json.writeString(string);
		}
		else if (value instanceof Boolean bool) {
			json.writeBoolean(bool);
		}
		else if (value instanceof Long number) {
			json.writeNumber(number.longValue());
		}
		else if (value instanceof Double number) {
			json.writeNumber(number.doubleValue());
		}
		else if (value instanceof BigInteger number) {
			json.writeNumber(number);
		}
		else if (value instanceof Map<?, ?> map) {
			json.writeStartObject();
			// forEach spares the entry wrappers of an unmodifiable map's entry set.
			map.forEach((name, element) -> {
				json.writeName((String) name);
				writeValue(json, element);
			});
			json.writeEndObject();
		}
		else if (value instanceof List<?> list) {
			json.writeStartArray();
			for (Object element : list) {
				writeValue(json, element);
			}
			json.writeEndArray();
		}
		else {
			// The model normalises values to the types above; anything else is
			// stored as its text rather than failing the batch.
			json.writeString(String.valueOf(value));
		}
	}

}

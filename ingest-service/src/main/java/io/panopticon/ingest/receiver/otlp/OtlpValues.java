package io.panopticon.ingest.receiver.otlp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * OTLP values in our model's terms: attribute lists as ordered maps of plain Java values,
 * ids as lower-case hex, times as epoch microseconds, and the resource attributes every
 * item of a resource shares.
 */
final class OtlpValues {

	/**
	 * The service name OpenTelemetry SDKs report when none was configured, used when a
	 * resource carries none at all.
	 */
	static final String UNKNOWN_SERVICE = "unknown_service";

	private static final HexFormat HEX = HexFormat.of();

	private OtlpValues() {
	}

	/**
	 * An attribute list as an ordered map; a repeated key keeps its last value, a key
	 * without a value is left out.
	 * @param attributes the attributes
	 * @return a new mutable map
	 */
	static Map<String, Object> attributes(List<KeyValue> attributes) {
		Map<String, Object> map = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
		for (KeyValue attribute : attributes) {
			Object value = value(attribute.getValue());
			if (value != null) {
				map.put(attribute.getKey(), value);
			}
			else {
				map.remove(attribute.getKey());
			}
		}
		return map;
	}

	/**
	 * One value as a plain Java value: strings, booleans, {@code Long}, {@code Double},
	 * lists and maps. Bytes become base64 text, as in OTLP/JSON. Non-finite doubles
	 * become their names ({@code NaN}, {@code Infinity}), since JSON cannot carry them as
	 * numbers.
	 * @param value the value
	 * @return the Java value, or {@code null} when it is empty
	 */
	static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? (Object) value.getDoubleValue()
					: Double.toString(value.getDoubleValue());
			case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
			case ARRAY_VALUE -> {
				List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
				for (AnyValue element : value.getArrayValue().getValuesList()) {
					list.add(value(element));
				}
				yield list;
			}
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			case VALUE_NOT_SET -> null;
		};
	}

	/**
	 * An id as lower-case hex.
	 * @param id the id bytes
	 * @return the hex digits, or {@code null} when the id is empty
	 */
	static String hex(ByteString id) {
		return id.isEmpty() ? null : HEX.formatHex(id.toByteArray());
	}

	/**
	 * A time in nanoseconds as epoch microseconds. OTLP times are unsigned 64-bit
	 * nanoseconds; values from 2262 on do not fit a signed {@code long} and are refused.
	 * @param field the field name, for the message
	 * @param nanos the time
	 * @return microseconds since the epoch
	 * @throws IllegalArgumentException if the time is zero (not set) or beyond 2262
	 */
	static long micros(String field, long nanos) {
		if (nanos == 0) {
			throw new IllegalArgumentException(field + " is required");
		}
		if (nanos < 0) {
			throw new IllegalArgumentException(field + " is out of range: " + Long.toUnsignedString(nanos));
		}
		return nanos / 1000;
	}

	/**
	 * What every item of one resource shares.
	 *
	 * @param attributes the resource attributes
	 * @param serviceName {@code service.name}, else {@value #UNKNOWN_SERVICE}
	 * @param environment {@code deployment.environment.name}, else the older
	 * {@code deployment.environment}, else {@code null}
	 */
	record ResourceInfo(Map<String, Object> attributes, String serviceName, String environment) {

		static ResourceInfo of(Resource resource) {
			Map<String, Object> attributes = OtlpValues.attributes(resource.getAttributesList());
			String service = text(attributes.get("service.name"));
			String environment = text(attributes.get("deployment.environment.name"));
			if (environment == null) {
				environment = text(attributes.get("deployment.environment"));
			}
			return new ResourceInfo(attributes, (service != null) ? service : UNKNOWN_SERVICE, environment);
		}

	}

	/**
	 * A value as non-blank text.
	 * @param value an attribute value
	 * @return its text, or {@code null} for no value or blank text
	 */
	static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return text.isBlank() ? null : text;
	}

}

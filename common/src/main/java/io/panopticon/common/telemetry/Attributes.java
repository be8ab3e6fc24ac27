package io.panopticon.common.telemetry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises attribute maps so that a model object means the same thing however it was
 * built.
 * <p>
 * The result is an unmodifiable, insertion-ordered deep copy whose values are only
 * {@link String}, {@link Boolean}, {@link Long}, {@link BigInteger} (integers outside the
 * {@code long} range), {@link Double}, {@link List} and {@link Map} (with the same
 * rules). Other numeric types are widened to {@code Long} or {@code Double}: JSON does
 * not tell {@code 2} from {@code 2L}, so a value must equal its decoded encoding.
 * {@code null} map values are dropped (an attribute without a value is no attribute);
 * {@code null} list elements are kept.
 */
final class Attributes {

	private Attributes() {
	}

	/**
	 * Returns the normalised copy of {@code attributes}.
	 * @param attributes the attributes, or {@code null} for none
	 * @return an unmodifiable map, empty when {@code attributes} is {@code null}
	 * @throws IllegalArgumentException if a key is {@code null} or a value is not
	 * representable in JSON
	 */
	static Map<String, Object> copyOf(Map<String, ?> attributes) {
		if (attributes == null || attributes.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> copy = new LinkedHashMap<>(attributes.size() * 2);
		attributes.forEach((key, value) -> {
			if (key == null) {
				throw new IllegalArgumentException("attribute keys must not be null");
			}
			if (value != null) {
				copy.put(key, normalise(value));
			}
		});
		return Collections.unmodifiableMap(copy);
	}

	private static Object normalise(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
			return value;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger big) {
			return (big.bitLength() < Long.SIZE) ? (Object) big.longValue() : big;
		}
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			double d = ((Number) value).doubleValue();
			if (!Double.isFinite(d)) {
				throw new IllegalArgumentException("attribute values must be finite numbers, not " + d);
			}
			return d;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
			map.forEach((key, element) -> {
				if (!(key instanceof String name)) {
					throw new IllegalArgumentException("attribute keys must be strings, not " + key);
				}
				if (element != null) {
					copy.put(name, normalise(element));
				}
			});
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			for (Object element : list) {
				copy.add(normalise(element));
			}
			return Collections.unmodifiableList(copy);
		}
		throw new IllegalArgumentException("attribute values must be strings, booleans, numbers, lists or maps, not "
				+ value.getClass().getName());
	}

}

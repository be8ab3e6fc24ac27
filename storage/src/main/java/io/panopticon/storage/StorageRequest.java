package io.panopticon.storage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the search cluster: method, path, query parameters and body. Built only
 * inside this module; services call the typed methods of {@link StorageClient}.
 */
public final class StorageRequest {

	/** The type of a request body. */
	public enum BodyType {

		/** One JSON document. */
		JSON("application/json"),

		/** Newline-delimited JSON, as {@code _bulk} and {@code _msearch} take. */
		NDJSON("application/x-ndjson");

		private final String mediaType;

		BodyType(String mediaType) {
			this.mediaType = mediaType;
		}

		/**
		 * Returns the media type, UTF-8 implied.
		 * @return the media type
		 */
		public String mediaType() {
			return this.mediaType;
		}

	}

	private final String method;

	private final String path;

	private final Map<String, String> parameters = new LinkedHashMap<>();

	private byte[] body;

	private int offset;

	private int length;

	private BodyType bodyType = BodyType.JSON;

	private StorageRequest(String method, String path) {
		this.method = Objects.requireNonNull(method, "method");
		this.path = Objects.requireNonNull(path, "path");
	}

	/**
	 * Starts a request.
	 * @param method the HTTP method
	 * @param path the path, starting with {@code /}
	 * @return the request
	 */
	public static StorageRequest of(String method, String path) {
		return new StorageRequest(method, path);
	}

	/**
	 * Adds a query parameter.
	 * @param name the name
	 * @param value the value
	 * @return this request
	 */
	public StorageRequest parameter(String name, String value) {
		this.parameters.put(name, value);
		return this;
	}

	/**
	 * Makes the call ignore missing indices: a period without data has no index.
	 * @return this request
	 */
	public StorageRequest lenient() {
		return parameter("ignore_unavailable", "true").parameter("allow_no_indices", "true");
	}

	/**
	 * Sets a JSON body.
	 * @param json the body
	 * @return this request
	 */
	public StorageRequest json(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return body(bytes, 0, bytes.length, BodyType.JSON);
	}

	/**
	 * Sets a body from part of an array, which is sent without a copy and must not change
	 * until the answer arrives.
	 * @param bytes the array
	 * @param offset where the body starts
	 * @param length its length
	 * @param type its type
	 * @return this request
	 */
	public StorageRequest body(byte[] bytes, int offset, int length, BodyType type) {
		this.body = bytes;
		this.offset = offset;
		this.length = length;
		this.bodyType = type;
		return this;
	}

	public String method() {
		return this.method;
	}

	public String path() {
		return this.path;
	}

	public Map<String, String> parameters() {
		return this.parameters;
	}

	/**
	 * Returns the body array.
	 * @return the array, or {@code null} when the request has no body
	 */
	public byte[] body() {
		return this.body;
	}

	public int offset() {
		return this.offset;
	}

	public int length() {
		return this.length;
	}

	public BodyType bodyType() {
		return this.bodyType;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}

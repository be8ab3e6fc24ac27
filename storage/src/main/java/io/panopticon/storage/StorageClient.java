package io.panopticon.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one client of the search cluster (Elasticsearch or OpenSearch), over the low-level
 * REST client: every request of every service goes through here, and every failure is
 * translated in one place. An answer that says the cluster cannot take the request now
 * (no answer, 429, 5xx) is a {@link StorageUnavailableException}; any other non-2xx
 * answer is a {@link StorageException} naming the error type. The 9.x {@link Rest5Client}
 * returns 4xx answers as ordinary responses and throws only for 5xx ones, so both paths
 * are handled.
 * <p>
 * On first use it asks {@code GET /} which backend the cluster is (see
 * {@link Backend#of}) and keeps the answer in {@link ClusterBackend}; until the cluster
 * answers, it asks again on each use. Searches and the other calls on index patterns
 * ignore missing indices: a minute without spans has no index.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public final class StorageClient {

	private static final Logger log = LoggerFactory.getLogger(StorageClient.class);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

	private static final int MAX_REASON = 500;

	private final Rest5Client client;

	private final ClusterBackend backend;

	private final Object detectLock = new Object();

	/**
	 * Creates the client.
	 * @param client the low-level client
	 * @param backend where the detected backend is kept
	 */
	public StorageClient(Rest5Client client, ClusterBackend backend) {
		this.client = Objects.requireNonNull(client, "client");
		this.backend = Objects.requireNonNull(backend, "backend");
	}

	/**
	 * Creates a client that keeps the backend to itself.
	 * @param client the low-level client
	 */
	public StorageClient(Rest5Client client) {
		this(client, new ClusterBackend());
	}

	/**
	 * Returns the backend of the cluster, asking it if not known yet.
	 * @return the backend
	 * @throws StorageUnavailableException if the cluster could not be asked
	 */
	public Backend backend() {
		return this.backend.known().orElseGet(() -> {
			detect();
			return this.backend.known().orElseThrow(() -> new StorageUnavailableException("GET / got no answer", null));
		});
	}

	/**
	 * Runs one search over indices and patterns.
	 * @param targets comma-separated indices or patterns; missing ones are ignored
	 * @param body the search body, JSON
	 * @return the response
	 */
	public JsonNode search(String targets, String body) {
		return send(StorageRequest.of("POST", "/" + targets + "/_search").lenient().json(body));
	}

	/**
	 * Runs several searches in one round trip, which the cluster runs in parallel.
	 * @param searches the searches
	 * @return their responses, in the same order
	 * @throws StorageException if a search failed (the first failure, translated as a
	 * whole request's would be)
	 */
	public List<JsonNode> multiSearch(List<Search> searches) {
		if (searches.isEmpty()) {
			return List.of();
		}
		byte[] body = Search.ndjson(searches);
		JsonNode answer = send(
				StorageRequest.of("POST", "/_msearch").body(body, 0, body.length, StorageRequest.BodyType.NDJSON));
		List<JsonNode> responses = new ArrayList<>(searches.size());
		for (JsonNode response : answer.path("responses")) {
			if (response.has("error")) {
				throw failure("_msearch entry", response.path("status").asInt(500),
						JSON.writeValueAsBytes(JSON.createObjectNode().set("error", response.path("error"))));
			}
			responses.add(response);
		}
		if (responses.size() != searches.size()) {
			throw new StorageException(200, "unexpected_answer",
					"_msearch answered " + responses.size() + " responses to " + searches.size() + " searches", null);
		}
		return responses;
	}

	/**
	 * Sends a {@code _bulk} request and fails if any item failed; a delete of a document
	 * that is not there counts as done. For small writes: ingest's stream of documents
	 * goes through {@link io.panopticon.storage.bulk.BulkIndexer}.
	 * @param ndjson the body
	 */
	public void bulk(byte[] ndjson) {
		JsonNode answer = send(StorageRequest.of("POST", "/_bulk")
			// Successful items are left out of the answer, which stays small.
			.parameter("filter_path", "errors,items.*.error,items.*.status")
			.body(ndjson, 0, ndjson.length, StorageRequest.BodyType.NDJSON));
		if (!answer.path("errors").asBoolean()) {
			return;
		}
		int failed = 0;
		JsonNode first = null;
		for (JsonNode item : answer.path("items")) {
			for (JsonNode result : item) {
				if (result.has("error")) {
					failed++;
					first = (first != null) ? first : result.path("error");
				}
			}
		}
		if (failed > 0) {
			String type = first.path("type").asString("unknown");
			throw new StorageException(200, type,
					failed + " bulk items failed, the first with " + type + ": " + first.path("reason").asString(),
					null);
		}
	}

	/**
	 * Makes what was written to some indices searchable.
	 * @param targets comma-separated indices or patterns; missing ones are ignored
	 */
	public void refresh(String targets) {
		send(StorageRequest.of("POST", "/" + targets + "/_refresh").lenient());
	}

	/**
	 * Creates or replaces a composable index template.
	 * @param name the template name
	 * @param body the template
	 */
	public void putIndexTemplate(String name, String body) {
		send(StorageRequest.of("PUT", "/_index_template/" + name).json(body));
	}

	/**
	 * Adds fields to the mappings of existing indices; nothing when none match.
	 * @param targets comma-separated indices or patterns
	 * @param body the {@code PUT _mapping} body
	 */
	public void putMapping(String targets, String body) {
		send(StorageRequest.of("PUT", "/" + targets + "/_mapping").lenient().json(body));
	}

	/**
	 * Lists the open, non-hidden concrete indices that match a pattern.
	 * @param pattern the pattern
	 * @return their names, without aliases and data streams
	 */
	public List<String> indices(String pattern) {
		// The resolve API is the programmatic way to expand a pattern (the _cat
		// APIs are meant for humans); by default it leaves hidden indices out.
		return send(StorageRequest.of("GET", "/_resolve/index/" + pattern).parameter("expand_wildcards", "open"),
				(in) -> indexNames(in.readAllBytes()));
	}

	/**
	 * Returns the index names of a resolve-index response.
	 * @param json the response body of {@code GET _resolve/index/<pattern>}
	 * @return the names of the concrete indices, without aliases and data streams
	 * @throws JacksonException if the body is not JSON
	 */
	static List<String> indexNames(byte[] json) {
		List<String> names = new ArrayList<>();
		for (JsonNode index : JSON.readTree(json).path("indices")) {
			String name = index.path("name").asString(null);
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Deletes an index.
	 * @param index the index name
	 * @return whether this call deleted it; {@code false} when it was not there
	 */
	public boolean deleteIndex(String index) {
		try {
			send(StorageRequest.of("DELETE", "/" + index));
			return true;
		}
		catch (StorageException ex) {
			if (ex.status() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Sends a request and reads its JSON answer.
	 * @param request the request
	 * @return the answer, or an empty object when it has no body
	 * @throws StorageException if the answer is not 2xx
	 */
	public JsonNode send(StorageRequest request) {
		return send(request, (in) -> {
			byte[] bytes = in.readAllBytes();
			return (bytes.length > 0) ? JSON.readTree(bytes) : JSON.createObjectNode();
		});
	}

	/**
	 * Sends a request and reads its answer.
	 * @param <T> what is read
	 * @param request the request
	 * @param reader reads a 2xx answer's body
	 * @return what was read
	 * @throws StorageException if the answer is not 2xx
	 */
	public <T> T send(StorageRequest request, BodyReader<T> reader) {
		detectOnce();
		Response response;
		try {
			response = this.client.performRequest(lowLevel(request));
		}
		catch (ResponseException ex) {
			response = ex.getResponse();
		}
		catch (IOException ex) {
			throw new StorageUnavailableException(request + " got no answer: " + ex, ex);
		}
		return read(request, response, reader);
	}

	/**
	 * Sends a request without waiting for its answer.
	 * @param <T> what is read
	 * @param request the request; its body array must not change until the answer arrives
	 * @param reader reads a 2xx answer's body, on a thread of the HTTP client
	 * @return what was read, or a {@link StorageException}
	 */
	public <T> CompletableFuture<T> sendAsync(StorageRequest request, BodyReader<T> reader) {
		detectOnce();
		CompletableFuture<T> answer = new CompletableFuture<>();
		this.client.performRequestAsync(lowLevel(request), new ResponseListener() {

			@Override
			public void onSuccess(Response response) {
				complete(response);
			}

			@Override
			public void onFailure(Exception ex) {
				if (ex instanceof ResponseException response) {
					complete(response.getResponse());
				}
				else {
					answer
						.completeExceptionally(new StorageUnavailableException(request + " got no answer: " + ex, ex));
				}
			}

			private void complete(Response response) {
				try {
					answer.complete(read(request, response, reader));
				}
				catch (RuntimeException ex) {
					answer.completeExceptionally(ex);
				}
			}

		});
		return answer;
	}

	private static <T> T read(StorageRequest request, Response response, BodyReader<T> reader) {
		int status = response.getStatusCode();
		HttpEntity entity = response.getEntity();
		try (InputStream in = (entity != null) ? entity.getContent() : InputStream.nullInputStream()) {
			if (status < 200 || status >= 300) {
				throw failure(request.toString(), status, in.readNBytes(4 * MAX_REASON));
			}
			return reader.read(in);
		}
		catch (IOException | JacksonException ex) {
			throw new StorageUnavailableException("the answer to " + request + " could not be read: " + ex, ex);
		}
	}

	/**
	 * Translates a non-2xx answer: the one place where answers of the cluster become
	 * exceptions.
	 * @param call the call, for the message
	 * @param status the HTTP status
	 * @param body the start of the answer's body
	 * @return the exception to throw
	 */
	static StorageException failure(String call, int status, byte[] body) {
		String type = "http_" + status;
		String reason = new String(body, StandardCharsets.UTF_8);
		try {
			JsonNode error = JSON.readTree(body).path("error");
			// The root cause names what went wrong (search phase failures wrap it).
			JsonNode cause = error;
			while (cause.path("caused_by").isObject()) {
				cause = cause.path("caused_by");
			}
			if (cause.has("type")) {
				type = cause.path("type").asString();
				reason = cause.path("reason").asString();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: the text is the reason.
		}
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.contains("too_many_buckets_exception")) {
			// Whatever the status (Elasticsearch versions differ): smaller requests help.
			type = "too_many_buckets_exception";
		}
		if (reason.length() > MAX_REASON) {
			reason = reason.substring(0, MAX_REASON) + "...";
		}
		String message = call + " answered " + status + " " + type + ": " + reason;
		if ((status == 429 || status >= 500) && !type.equals("too_many_buckets_exception")) {
			return new StorageUnavailableException(status, type, message);
		}
		return new StorageException(status, type, message, null);
	}

	private Request lowLevel(StorageRequest request) {
		Request lowLevel = new Request(request.method(), request.path());
		for (Map.Entry<String, String> parameter : request.parameters().entrySet()) {
			lowLevel.addParameter(parameter.getKey(), parameter.getValue());
		}
		if (request.body() != null) {
			ContentType type = (request.bodyType() == StorageRequest.BodyType.NDJSON) ? NDJSON
					: ContentType.APPLICATION_JSON;
			lowLevel.setEntity(new ByteArrayEntity(request.body(), request.offset(), request.length(), type));
		}
		return lowLevel;
	}

	private void detectOnce() {
		if (this.backend.known().isEmpty()) {
			detect();
		}
	}

	/**
	 * Asks {@code GET /} which backend the cluster is. Leaves it unknown when the cluster
	 * does not answer, so the next use asks again; never throws.
	 */
	private void detect() {
		synchronized (this.detectLock) {
			if (this.backend.known().isPresent()) {
				return;
			}
			Response response;
			try {
				response = this.client.performRequest(new Request("GET", "/"));
			}
			catch (ResponseException ex) {
				response = ex.getResponse();
			}
			catch (IOException | RuntimeException ex) {
				return;
			}
			JsonNode root = null;
			HttpEntity entity = response.getEntity();
			if (entity != null) {
				try (InputStream in = entity.getContent()) {
					root = JSON.readTree(in);
				}
				catch (IOException | JacksonException ex) {
					// Not JSON: not OpenSearch.
				}
			}
			Backend detected = Backend.of(response.getStatusCode(), root);
			this.backend.learn(detected);
			log.info("The search cluster is {}", detected.id());
		}
	}

	/**
	 * Reads the body of a 2xx answer.
	 *
	 * @param <T> what is read
	 */
	@FunctionalInterface
	public interface BodyReader<T> {

		/**
		 * Reads the body.
		 * @param in the body; closed by the caller
		 * @return what was read
		 * @throws IOException if the body cannot be read
		 */
		T read(InputStream in) throws IOException;

	}

	/**
	 * One search of a multi-search.
	 *
	 * @param indices the index names or patterns; missing ones are ignored
	 * @param body the search body
	 */
	public record Search(List<String> indices, ObjectNode body) {

		/**
		 * Validates the search.
		 * @throws IllegalArgumentException if there is no index
		 */
		public Search {
			if (indices.isEmpty()) {
				throw new IllegalArgumentException("a search needs at least one index");
			}
			indices = List.copyOf(indices);
		}

		/**
		 * Returns the NDJSON body of an {@code _msearch} request.
		 * @param searches the searches
		 * @return UTF-8 bytes
		 */
		static byte[] ndjson(List<Search> searches) {
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024 * searches.size());
			for (Search search : searches) {
				ObjectNode header = JSON.createObjectNode();
				header.put("index", String.join(",", search.indices()));
				header.put("ignore_unavailable", true);
				header.put("allow_no_indices", true);
				out.writeBytes(JSON.writeValueAsBytes(header));
				out.write('\n');
				out.writeBytes(JSON.writeValueAsBytes(search.body()));
				out.write('\n');
			}
			return out.toByteArray();
		}

	}

}

package io.panopticon.ingest.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends prepared {@code _bulk} bodies to Elasticsearch as fast as it takes them, over a
 * fixed number of connections: what this machine's Elasticsearch can index, with nothing
 * else to do, for the documents the ingest service writes. A body refused as a whole
 * (429, 5xx) or with items refused for load ({@code es_rejected_execution_exception}) is
 * sent again; with {@code op_type=create}, items already created then answer 409, which
 * counts as done, as it does in the ingest service.
 */
final class DirectLoader {

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_ATTEMPTS = 5;

	private final Rest5Client client;

	private final int connections;

	DirectLoader(Rest5Client client, int connections) {
		this.client = client;
		this.connections = connections;
	}

	/**
	 * Sends bodies once each (more when refused for load) and waits for all answers.
	 * @param file the file holding them
	 * @param bodies which of its bodies to send
	 * @return counts and the time from the first request to the last answer
	 * @throws IOException if a body fails for good
	 * @throws InterruptedException if interrupted while waiting
	 */
	Result load(BulkBodyFile file, List<BulkBodyFile.Body> bodies) throws IOException, InterruptedException {
		AtomicInteger next = new AtomicInteger();
		LongAdder created = new LongAdder();
		LongAdder conflicts = new LongAdder();
		LongAdder failed = new LongAdder();
		ExecutorService workers = Executors.newFixedThreadPool(this.connections);
		long started = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < this.connections; i++) {
				running.add(workers.submit(() -> {
					for (int index = next.getAndIncrement(); index < bodies.size(); index = next.getAndIncrement()) {
						BulkBodyFile.Body body = bodies.get(index);
						Outcome outcome = send(file.read(body), body.items());
						created.add(outcome.created());
						conflicts.add(outcome.conflicts());
						failed.add(outcome.failed());
					}
					return null;
				}));
			}
			for (Future<?> worker : running) {
				try {
					worker.get();
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
				}
			}
		}
		finally {
			workers.shutdownNow();
		}
		return new Result(created.sum(), conflicts.sum(), failed.sum(), Duration.ofNanos(System.nanoTime() - started));
	}

	private Outcome send(byte[] body, int items) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			Request request = new Request("POST", "/_bulk");
			// Successful items are filtered out of the answer, which stays small.
			request.addParameter("filter_path", "errors,items.*.error.type");
			request.setEntity(new ByteArrayEntity(body, NDJSON));
			JsonNode answer;
			try {
				answer = JSON.readTree(EntityUtils.toByteArray(this.client.performRequest(request).getEntity()));
			}
			catch (ResponseException ex) {
				int status = ex.getResponse().getStatusCode();
				if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
					backOff(attempt);
					continue;
				}
				throw ex;
			}
			if (!answer.path("errors").asBoolean()) {
				return new Outcome(items, 0, 0);
			}
			int conflicts = 0;
			int rejected = 0;
			int failed = 0;
			for (JsonNode item : answer.path("items")) {
				String type = item.path("create").path("error").path("type").asString("");
				switch (type) {
					case "version_conflict_engine_exception" -> conflicts++;
					case "es_rejected_execution_exception" -> rejected++;
					default -> failed++;
				}
			}
			if (rejected > 0 && attempt < MAX_ATTEMPTS) {
				backOff(attempt);
				continue;
			}
			return new Outcome(items - conflicts - rejected - failed, conflicts, rejected + failed);
		}
	}

	private static void backOff(int attempt) throws InterruptedException {
		Thread.sleep(200L << Math.min(attempt, 5));
	}

	private record Outcome(long created, long conflicts, long failed) {
	}

	/**
	 * What a load did.
	 *
	 * @param created documents created
	 * @param conflicts documents that were there already (409)
	 * @param failed documents Elasticsearch refused
	 * @param took from the first request to the last answer
	 */
	record Result(long created, long conflicts, long failed, Duration took) {

		double docsPerSecond() {
			return (this.created + this.conflicts) / (this.took.toNanos() / 1e9);
		}

	}

}

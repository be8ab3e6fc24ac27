package io.panopticon.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenSearch Index State Management retention policies, one per index family
 * ({@code USE_ISM}, {@code panopticon.storage.use-ism}): each deletes an index of its
 * family once the index is older than the family's retention, and its
 * {@code ism_template} attaches it to every new index of the family. ISM counts from the
 * index's creation, which for a daily index is on its day, so it deletes an index about
 * when {@link RetentionJob} would.
 * <p>
 * Installing is idempotent: a policy that is there with the same description, retention
 * and index pattern is left alone; one that differs is updated with
 * {@code if_seq_no}/{@code if_primary_term}, so that of two instances racing only one
 * writes and the other retries. Nothing is installed on Elasticsearch, or on an
 * OpenSearch cluster without the ISM plugin; each is said in one log line.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public final class IsmPolicies {

	/** The state an index is in until it is old enough to be deleted. */
	static final String KEEP = "keep";

	/** The state that deletes the index. */
	static final String DELETE = "delete";

	/**
	 * Above the priority 0 of policies whose template names no priority, so that ours
	 * wins for our indices.
	 */
	static final int PRIORITY = 100;

	private static final Logger log = LoggerFactory.getLogger(IsmPolicies.class);

	private final StorageClient client;

	private final Map<IndexFamily, Duration> retention;

	private final Object installLock = new Object();

	private volatile boolean done;

	/**
	 * Creates the policies; nothing is sent until {@link #ensureInstalled()}.
	 * @param client the storage client
	 * @param retention the retention of every family
	 * @throws IllegalArgumentException if a family has no retention or a retention is not
	 * positive
	 */
	public IsmPolicies(StorageClient client, Map<IndexFamily, Duration> retention) {
		this.client = Objects.requireNonNull(client, "client");
		this.retention = RetentionJob.checked(retention);
	}

	/**
	 * Installs or updates the policy of every family on OpenSearch, unless this instance
	 * already did or found it cannot.
	 * @throws StorageException if the cluster cannot be reached or refuses a policy;
	 * nothing is remembered, so a later call tries again
	 */
	public void ensureInstalled() {
		if (this.done) {
			return;
		}
		synchronized (this.installLock) {
			if (this.done) {
				return;
			}
			if (this.client.backend() != Backend.OPENSEARCH) {
				log.info("No ISM retention policies: the cluster is {}, not OpenSearch", this.client.backend().id());
				this.done = true;
				return;
			}
			for (Map.Entry<IndexFamily, Duration> entry : this.retention.entrySet()) {
				if (!install(entry.getKey(), entry.getValue())) {
					log.info("No ISM retention policies: the cluster has no ISM plugin");
					this.done = true;
					return;
				}
			}
			this.done = true;
			log.info("ISM retention policies in place for {} index families", this.retention.size());
		}
	}

	/**
	 * Returns whether {@link #ensureInstalled()} has finished in this process, by
	 * installing the policies or by finding that the cluster takes none.
	 * @return whether it has finished
	 */
	public boolean isDone() {
		return this.done;
	}

	/** Returns {@code false} when the cluster has no ISM. */
	private boolean install(IndexFamily family, Duration retention) {
		String path = "/_plugins/_ism/policies/" + policyName(family);
		ObjectNode wanted = body(family, retention);
		JsonNode stored;
		try {
			stored = this.client.send(StorageRequest.of("GET", path));
		}
		catch (StorageException ex) {
			if (isMissingPlugin(ex)) {
				return false;
			}
			if (ex.status() != 404) {
				throw ex;
			}
			this.client.send(StorageRequest.of("PUT", path).json(wanted.toString()));
			log.info("Installed ISM policy {}", policyName(family));
			return true;
		}
		if (!isSame(stored.path("policy"), wanted.path("policy"))) {
			this.client.send(StorageRequest.of("PUT", path)
				.parameter("if_seq_no", stored.path("_seq_no").asString())
				.parameter("if_primary_term", stored.path("_primary_term").asString())
				.json(wanted.toString()));
			log.info("Updated ISM policy {}", policyName(family));
		}
		return true;
	}

	/**
	 * Tells the answer of a cluster without ISM ({@code no handler found for uri}) from
	 * that of a missing policy.
	 */
	static boolean isMissingPlugin(StorageException ex) {
		return ex.getMessage() != null && ex.getMessage().contains("no handler found for uri");
	}

	/**
	 * Compares what this installs with what the cluster holds, which it has filled in
	 * (ids, times, the retry settings of each action): the description names the family
	 * and its retention, so the description, the delete condition and the index pattern
	 * decide.
	 */
	static boolean isSame(JsonNode stored, JsonNode wanted) {
		return stored.path("description").equals(wanted.path("description"))
				&& minIndexAge(stored).equals(minIndexAge(wanted))
				&& stored.at("/ism_template/0/index_patterns").equals(wanted.at("/ism_template/0/index_patterns"));
	}

	private static String minIndexAge(JsonNode policy) {
		return policy.at("/states/0/transitions/0/conditions/min_index_age").asString("");
	}

	/**
	 * Returns the name of a family's policy.
	 * @param family the family
	 * @return for example {@code panopticon-traces-apm}
	 */
	public static String policyName(IndexFamily family) {
		return "panopticon-" + family.prefix();
	}

	/**
	 * Returns the body of {@code PUT _plugins/_ism/policies/<name>} for a family.
	 * @param family the family
	 * @param retention its retention
	 * @return the body
	 */
	static ObjectNode body(IndexFamily family, Duration retention) {
		String age = timeValue(retention);
		ObjectNode body = StorageClient.JSON.createObjectNode();
		ObjectNode policy = body.putObject("policy");
		policy.put("description",
				"Panopticon retention of " + family.pattern() + ": indices are deleted " + age + " after creation");
		policy.put("default_state", KEEP);
		var states = policy.putArray("states");
		ObjectNode keep = states.addObject();
		keep.put("name", KEEP);
		keep.putArray("actions");
		keep.putArray("transitions")
			.addObject()
			.put("state_name", DELETE)
			.putObject("conditions")
			.put("min_index_age", age);
		ObjectNode delete = states.addObject();
		delete.put("name", DELETE);
		delete.putArray("actions").addObject().putObject("delete");
		delete.putArray("transitions");
		ObjectNode template = policy.putArray("ism_template").addObject();
		template.putArray("index_patterns").add(family.pattern());
		template.put("priority", PRIORITY);
		return body;
	}

	/**
	 * Returns a retention as an OpenSearch time value: whole days ({@code 7d}), else
	 * whole hours, else minutes, rounded up so that nothing goes early.
	 */
	static String timeValue(Duration duration) {
		if (duration.equals(Duration.ofDays(duration.toDays()))) {
			return duration.toDays() + "d";
		}
		if (duration.equals(Duration.ofHours(duration.toHours()))) {
			return duration.toHours() + "h";
		}
		long minutes = duration.toMinutes() + ((duration.equals(Duration.ofMinutes(duration.toMinutes()))) ? 0 : 1);
		return minutes + "m";
	}

}

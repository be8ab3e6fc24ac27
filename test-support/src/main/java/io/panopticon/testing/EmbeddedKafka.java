package io.panopticon.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft Kafka broker inside the test JVM, listening on a free port.
 */
final class EmbeddedKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

	/** Name of the shutdown hook with which Kafka's test kit deletes broker folders. */
	private static final String TEMPORARY_FOLDER_HOOK = "delete-temp-file-shutdown-hook";

	private static boolean temporaryFolderHookRouted;

	private final EmbeddedKafkaKraftBroker broker;

	private final String bootstrapServers;

	private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
		this.bootstrapServers = broker.getBrokersAsString();
	}

	/**
	 * Start a broker and wait until it accepts clients.
	 * @return the running broker
	 */
	static EmbeddedKafka start() {
		deleteTemporaryFoldersAfterBrokers();
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(brokerProperties());
		// The broker publishes its address as a system property, by default one that
		// Spring
		// Boot reads; tests register the address explicitly instead.
		broker.brokerListProperty("panopticon.test.embedded-kafka.bootstrap-servers");
		broker.afterPropertiesSet();
		EmbeddedKafka kafka = new EmbeddedKafka(broker);
		log.info("Embedded Kafka ready at {} in {} ms", kafka.bootstrapServers,
				(System.nanoTime() - started) / 1_000_000);
		return kafka;
	}

	/**
	 * Kafka's test kit deletes the broker folders from a JVM shutdown hook of its own,
	 * which would run while the broker (and any Spring context using it) still runs. Hand
	 * those deletions to {@link Cleanup}, which runs them after the brokers have stopped.
	 */
	private static synchronized void deleteTemporaryFoldersAfterBrokers() {
		if (!temporaryFolderHookRouted) {
			Exit.setShutdownHookAdder((name, hook) -> {
				if (TEMPORARY_FOLDER_HOOK.equals(name)) {
					Cleanup.register("Kafka temporary folder", hook::run);
				}
				else {
					Runtime.getRuntime().addShutdownHook((name != null) ? new Thread(hook, name) : new Thread(hook));
				}
			});
			temporaryFolderHookRouted = true;
		}
	}

	/**
	 * Broker settings for one node: every internal topic with one replica, topics created
	 * on first use, and no wait before the first consumer group rebalance.
	 * @return the settings
	 */
	static Map<String, String> brokerProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("auto.create.topics.enable", "true");
		properties.put("num.partitions", "1");
		properties.put("default.replication.factor", "1");
		properties.put("min.insync.replicas", "1");
		properties.put("offsets.topic.replication.factor", "1");
		// Fewer internal partitions make the first consumer group and transaction fast.
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		return properties;
	}

	/**
	 * The broker's address for clients.
	 * @return {@code host:port}
	 */
	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Stop the broker and delete its log folders.
	 */
	@Override
	public void close() {
		this.broker.destroy();
	}

}

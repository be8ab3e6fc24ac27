package io.panopticon.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates topics on the test Kafka before anything is produced to them, so that a test
 * chooses their partitions rather than the broker's defaults.
 */
public final class KafkaTopics {

	private KafkaTopics() {
	}

	/**
	 * Creates topics, with replication 1.
	 * @param partitions partitions of every topic
	 * @param topics the topic names
	 */
	public static void create(int partitions, String... topics) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			admin
				.createTopics(Arrays.stream(topics).map((topic) -> new NewTopic(topic, partitions, (short) 1)).toList())
				.all()
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not create " + Arrays.toString(topics), ex);
		}
	}

}

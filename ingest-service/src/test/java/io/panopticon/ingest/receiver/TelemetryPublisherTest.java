package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.panopticon.common.storage.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TelemetryPublisherTest {

	@Test
	void oneRecordPerKeyHoldingAJsonArrayInArrivalOrder() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TelemetryPublisher publisher = new TelemetryPublisher(producer, Duration.ofSeconds(1), 1000);

		int records = publisher.publish("apm.spans",
				List.of(keyed("t1", "{\"a\":1}"), keyed("t2", "{\"b\":2}"), keyed("t1", "{\"c\":3}")));

		assertThat(records).isEqualTo(2);
		assertThat(producer.history()).extracting((r) -> r.topic()).containsOnly("apm.spans");
		assertThat(producer.history()).extracting((r) -> text(r.key()), (r) -> text(r.value()))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("t1", "[{\"a\":1},{\"c\":3}]"),
					org.assertj.core.groups.Tuple.tuple("t2", "[{\"b\":2}]"));
	}

	@Test
	void splitsAKeysItemsWhereTheArrayWouldExceedTheLargestRecord() {
		MockProducer<byte[], byte[]> producer = producer(true);
		// "[" + 10 + "," + 10 + "]" = 23 bytes fit; a third item would make 34.
		TelemetryPublisher publisher = new TelemetryPublisher(producer, Duration.ofSeconds(1), 30);
		String item = "{\"x\":\"12\"}";

		publisher.publish("apm.spans", List.of(keyed("t", item), keyed("t", item), keyed("t", item)));

		assertThat(producer.history()).extracting((r) -> text(r.value()))
			.containsExactly("[" + item + "," + item + "]", "[" + item + "]");
		assertThat(publisher.fits(new byte[28])).isTrue();
		assertThat(publisher.fits(new byte[29])).isFalse();
	}

	@Test
	void eventIdsTravelAsOneHeaderPerItemInArrayOrder() {
		MockProducer<byte[], byte[]> producer = producer(true);
		TelemetryPublisher publisher = new TelemetryPublisher(producer, Duration.ofSeconds(1), 1000);

		publisher.publish("apm.logs", List.of(new TelemetryPublisher.Keyed("s", bytes("{\"a\":1}"), "id-a"),
				new TelemetryPublisher.Keyed("s", bytes("{\"b\":2}"), "id-b"), keyed("t", "{\"c\":3}")));

		assertThat(producer.history()).hasSize(2);
		assertThat(producer.history().get(0).headers().headers(Topics.EVENT_ID)).extracting((h) -> text(h.value()))
			.containsExactly("id-a", "id-b");
		assertThat(producer.history().get(1).headers().toArray()).isEmpty();
	}

	@Test
	void theHeadersCountTowardsTheLargestRecord() {
		MockProducer<byte[], byte[]> producer = producer(true);
		String item = "{\"x\":\"12\"}";
		TelemetryPublisher.Keyed keyed = new TelemetryPublisher.Keyed("t", bytes(item), "0123456789");
		// Two items: 23 bytes of array and 2 × (19 + 10 + 10) of headers make 101; three
		// would make 151. Without the headers, three would fit.
		TelemetryPublisher publisher = new TelemetryPublisher(producer, Duration.ofSeconds(1), 110);

		publisher.publish("apm.logs", List.of(keyed, keyed, keyed));

		assertThat(producer.history()).extracting((r) -> text(r.value()))
			.containsExactly("[" + item + "," + item + "]", "[" + item + "]");
	}

	@Test
	void failsWhenKafkaRefusesARecord() {
		MockProducer<byte[], byte[]> producer = producer(false);
		TelemetryPublisher publisher = new TelemetryPublisher(producer, Duration.ofSeconds(5), 1000);
		Thread refuser = new Thread(() -> {
			while (producer.history().isEmpty()) {
				Thread.onSpinWait();
			}
			producer.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("no replicas"));
		});
		refuser.start();

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> publisher.publish("apm.spans", List.of(keyed("t", "{}"))))
			.withMessageContaining("no replicas");
	}

	@Test
	void failsWhenKafkaDoesNotAnswerInTime() {
		TelemetryPublisher publisher = new TelemetryPublisher(producer(false), Duration.ofMillis(200), 1000);
		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> publisher.publish("apm.spans", List.of(keyed("t", "{}"))))
			.withMessageContaining("did not acknowledge the records within PT0.2S");
	}

	static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
		return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static TelemetryPublisher.Keyed keyed(String key, String json) {
		return new TelemetryPublisher.Keyed(key, json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}

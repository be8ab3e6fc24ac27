package io.panopticon.ingest.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.panopticon.common.telemetry.Span;
import io.panopticon.demo.Trace;
import io.panopticon.demo.TrafficModel;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the benchmark's spans into a new Kafka topic, as producers would send them: one
 * record per trace (a JSON array of its spans, keyed by trace id), from
 * {@link TrafficModel}. The same spans go into the direct loader's {@code _bulk} bodies
 * on the way. Exactly the requested number of spans is loaded: the last trace is cut
 * short if needed.
 */
final class SpanLoad {

	private static final Logger log = LoggerFactory.getLogger(SpanLoad.class);

	private SpanLoad() {
	}

	/**
	 * Creates the topic and fills it.
	 * @param bootstrapServers Kafka
	 * @param topic the topic to create; it must not exist
	 * @param partitions its partitions
	 * @param spans how many spans to load
	 * @param seed the traffic model's seed
	 * @param bodies where the direct loader's bodies go
	 * @return what was loaded
	 * @throws Exception if the topic cannot be created or Kafka refuses records
	 */
	static Result load(String bootstrapServers, String topic, int partitions, long spans, long seed,
			BulkBodyFile bodies) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		TrafficModel model = new TrafficModel(seed, Clock.systemUTC());
		AtomicLong failed = new AtomicLong();
		AtomicReference<Exception> firstFailure = new AtomicReference<>();
		long started = System.nanoTime();
		long loaded = 0;
		long traces = 0;
		long bytes = 0;
		long nextProgress = 100_000;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrapServers))) {
			while (loaded < spans) {
				Trace trace = model.next();
				if (trace.spans().size() > spans - loaded) {
					// The last trace is cut to the exact count; its spans are still
					// valid.
					trace = new Trace(trace.traceId(), trace.spans().subList(0, (int) (spans - loaded)), List.of());
				}
				byte[] value = trace.spansRecord();
				producer.send(new ProducerRecord<>(topic, trace.traceId(), value), (metadata, exception) -> {
					if (exception != null) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, exception);
					}
				});
				for (Span span : trace.spans()) {
					bodies.add(span);
				}
				loaded += trace.spans().size();
				bytes += value.length;
				traces++;
				if (loaded >= nextProgress) {
					log.info("Loaded {} of {} spans", loaded, spans);
					nextProgress += 100_000;
				}
			}
			producer.flush();
		}
		bodies.finish();
		if (failed.get() > 0) {
			throw new ExecutionException(failed.get() + " records were not accepted by Kafka", firstFailure.get());
		}
		return new Result(topic, loaded, traces, bytes, Duration.ofNanos(System.nanoTime() - started));
	}

	private static Properties producerProperties(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, "panopticon-ingest-benchmark");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		// As the sample traffic generator sends: lz4, batched.
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
		return properties;
	}

	/**
	 * What was loaded.
	 *
	 * @param topic the topic
	 * @param spans how many spans
	 * @param traces in how many records (traces)
	 * @param bytes the record values' total size, uncompressed
	 * @param took how long loading took
	 */
	record Result(String topic, long spans, long traces, long bytes, Duration took) {
	}

}

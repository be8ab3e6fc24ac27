package io.panopticon.ingest.receiver;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.panopticon.common.autoconfigure.PanopticonSecurityProperties;
import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.ingest.receiver.otlp.GrpcTokenCheck;
import io.panopticon.ingest.receiver.otlp.OtlpExports;
import io.panopticon.ingest.receiver.otlp.OtlpGrpcServer;
import io.panopticon.storage.autoconfigure.StorageProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Wires the telemetry receivers: OTLP/HTTP and Zipkin (controllers in {@code otlp} and
 * {@code zipkin}) on the service port and their own ports, OTLP/gRPC, and the Kafka
 * producer they all publish with.
 */
@Configuration(proxyBeanMethods = false)
class ReceiverConfiguration {

	/**
	 * What a record needs besides its value (key, headers, batch framing), kept free
	 * below the largest record so that a full record passes the broker's default limit.
	 */
	static final int RECORD_ENVELOPE_BYTES = 8 * 1024;

	/**
	 * A producer of the receivers' own, from Boot's Kafka settings (so SSL and SASL
	 * apply), that gives up within the publish timeout: a client waiting for its answer
	 * must learn of a Kafka outage in time, where the pipeline's producer may wait
	 * longer.
	 */
	@Bean(destroyMethod = "close")
	TelemetryPublisher telemetryPublisher(ProducerFactory<?, ?> producers, ReceiverProperties properties,
			IngestProperties ingest) {
		Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
		long timeout = properties.publishTimeout().toMillis();
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "panopticon-receivers");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(50, timeout / 2));
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		int maxRecordBytes = (int) Math.max(1024, ingest.maxRecordSize().toBytes() - RECORD_ENVELOPE_BYTES);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes + RECORD_ENVELOPE_BYTES);
		KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer());
		return new TelemetryPublisher(producer, properties.publishTimeout(), maxRecordBytes);
	}

	@Bean
	Intake receiverIntake(TelemetryPublisher publisher, PanopticonTopicsProperties topics, IngestProperties ingest,
			StorageProperties storage, MeterRegistry meters) {
		return new Intake(publisher, topics.spans(), topics.logs(),
				new TimeWindow(storage.retention().spans(), ingest.maxFutureSkew(), ingest.maxSpanDuration()),
				new TimeWindow(storage.retention().logs(), ingest.maxFutureSkew()), Clock.systemUTC(), meters);
	}

	@Bean
	OtlpExports otlpExports(Intake intake) {
		return new OtlpExports(intake);
	}

	@Bean
	UnavailableLog receiverUnavailableLog() {
		return new UnavailableLog(Duration.ofSeconds(30));
	}

	@Bean
	ReceiverConnectors receiverConnectors(ReceiverProperties properties) {
		return new ReceiverConnectors(properties);
	}

	/** Before security, so other paths on the receiver ports are simply not there. */
	@Bean
	FilterRegistrationBean<ReceiverPortFilter> receiverPortFilter(ReceiverConnectors connectors) {
		FilterRegistrationBean<ReceiverPortFilter> registration = new FilterRegistrationBean<>(
				new ReceiverPortFilter(connectors));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	@ConditionalOnExpression("${panopticon.ingest.receiver.otlp-grpc-port:4317} >= 0")
	OtlpGrpcServer otlpGrpcServer(ReceiverProperties properties, OtlpExports exports, JwtVerifier verifier,
			PanopticonSecurityProperties security, UnavailableLog unavailable) {
		return new OtlpGrpcServer(properties.otlpGrpcPort(), (int) properties.maxBodySize().toBytes(), exports,
				new GrpcTokenCheck(verifier, security.ingestTokenRequired()), unavailable);
	}

}

package io.panopticon.errorstream.stomp;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.common.autoconfigure.PanopticonSecurityProperties;
import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.errorstream.ErrorStreamProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * Wires the live stream: the Kafka consumer of the error topic, the fan-out, and the
 * STOMP WebSocket endpoint with its origin allow-list.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class StreamConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

	@Bean
	StreamMetrics streamMetrics(MeterRegistry registry) {
		return new StreamMetrics(registry);
	}

	/** Writes to the sessions; a client that stopped reading holds one thread a while. */
	@Bean(destroyMethod = "shutdownNow")
	ThreadPoolExecutor errorStreamSenders(ErrorStreamProperties properties) {
		return new ThreadPoolExecutor(properties.sendThreads(), properties.sendThreads(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads("error-stream-send-"));
	}

	@Bean
	ConnectAuthenticator connectAuthenticator(JwtVerifier verifier, PanopticonSecurityProperties security) {
		return new ConnectAuthenticator(verifier, security.publicRead());
	}

	@Bean
	ErrorLogFanout errorLogFanout(ConnectAuthenticator authenticator, ErrorStreamProperties properties,
			StreamMetrics metrics, ThreadPoolExecutor errorStreamSenders) {
		return new ErrorLogFanout(authenticator, SessionSettings.of(properties), metrics, errorStreamSenders);
	}

	@Bean
	StompWebSocketHandler stompWebSocketHandler(ErrorLogFanout fanout, ErrorStreamProperties properties) {
		return new StompWebSocketHandler(fanout, SessionSettings.of(properties));
	}

	/**
	 * The endpoint. Origins outside {@code panopticon.security.allowed-origins}
	 * ({@code ERROR_STREAM_WS_ORIGINS}; patterns such as {@code https://*.example.com}
	 * work) are refused with 403 at the handshake; a handshake without an Origin header
	 * (not a browser) and one from the service's own origin pass. Other refusals of the
	 * handshake are problems too ({@link ProblemHandshakeHandler}).
	 */
	@Bean
	WebSocketConfigurer errorStreamEndpoint(StompWebSocketHandler handler, ErrorStreamProperties properties,
			PanopticonSecurityProperties security) {
		return (registry) -> registry.addHandler(handler, properties.wsPath())
			.setHandshakeHandler(new ProblemHandshakeHandler())
			.setAllowedOriginPatterns(security.allowedOrigins().toArray(String[]::new));
	}

	/** Summaries, heart-beats and expiries; at shutdown, every session is closed. */
	@Bean
	SmartLifecycle errorStreamTicker(ErrorLogFanout fanout, ErrorStreamProperties properties) {
		return new SmartLifecycle() {

			private ScheduledExecutorService scheduler;

			@Override
			public synchronized void start() {
				long every = properties.summaryInterval().toMillis();
				this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("error-stream-tick-"));
				this.scheduler.scheduleAtFixedRate(() -> {
					try {
						fanout.tick();
					}
					catch (RuntimeException ex) {
						log.warn("The error stream's periodic duties failed", ex);
					}
				}, every, every, TimeUnit.MILLISECONDS);
			}

			@Override
			public synchronized void stop() {
				if (this.scheduler != null) {
					this.scheduler.shutdownNow();
					this.scheduler = null;
				}
				fanout.closeAll(CloseStatus.GOING_AWAY);
			}

			@Override
			public synchronized boolean isRunning() {
				return this.scheduler != null;
			}

		};
	}

	/**
	 * Every instance reads every partition: its consumer group is the configured prefix
	 * plus its instance id, and it starts at the newest record.
	 */
	@Bean
	ConcurrentMessageListenerContainer<Object, Object> errorLogContainer(
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory, PanopticonTopicsProperties topics,
			ErrorStreamProperties properties, ErrorLogFanout fanout, StreamMetrics metrics) {
		String instance = properties.instanceId().isEmpty() ? UUID.randomUUID().toString().substring(0, 12)
				: properties.instanceId();
		ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer(topics.logsError());
		container.getContainerProperties().setGroupId(properties.kafkaGroupId() + "-" + instance);
		container.getContainerProperties().setClientId(properties.kafkaClientId() + "-" + instance);
		// Never acknowledged, so never committed: see ErrorLogListener.
		container.getContainerProperties().setAckMode(AckMode.MANUAL);
		container.setupMessageListener(new ErrorLogListener(fanout, metrics));
		log.info("Streaming {} to STOMP clients as instance {} (consumer group {})", topics.logsError(), instance,
				properties.kafkaGroupId() + "-" + instance);
		return container;
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}

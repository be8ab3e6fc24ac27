package io.panopticon.alert.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.panopticon.alert.notify.Outbox.Claimed;
import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.alert.outbound.OutboundPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: every poll interval it claims due messages (each by one
 * replica, see {@link Outbox#claim(int, Duration)}), sends them on a few threads, and
 * records each attempt. A failed attempt worth repeating is due again after an
 * exponential pause (the receiver's {@code Retry-After} when it gave one) until
 * {@code panopticon.notify.max-attempts}. Messages claimed by a replica that stopped are
 * due again once its claim lapses: delivery is at least once, and the delivery id lets
 * receivers drop a repeat.
 */
@Component
class DeliveryWorker implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	/** How many full batches one poll sends at most before it lets the interval pass. */
	private static final int MAX_BATCHES_PER_POLL = 10;

	/** How often finished messages past the retention are deleted. */
	private static final Duration CLEAN_UP_INTERVAL = Duration.ofHours(1);

	private final Outbox outbox;

	private final ChannelStore channels;

	private final NotifyProperties properties;

	private final JsonMapper json;

	private final HttpTransport http;

	private final MailTransport mail;

	private ScheduledExecutorService poller;

	private ExecutorService senders;

	private final MeterRegistry meters;

	private volatile boolean running;

	private long lastCleanUp = System.nanoTime() - CLEAN_UP_INTERVAL.toNanos();

	DeliveryWorker(Outbox outbox, ChannelStore channels, OutboundPolicy policy, NotifyProperties properties,
			JsonMapper json, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.outbox = outbox;
		this.channels = channels;
		this.properties = properties;
		this.json = json;
		this.http = new HttpTransport(policy, properties.requestTimeout(), properties.senders(), clock);
		this.mail = new MailTransport(properties.mail(), properties.requestTimeout(), policy);
	}

	@Override
	public void start() {
		this.senders = Executors.newFixedThreadPool(this.properties.senders(), threads("notify-send-"));
		if (this.properties.deliveryEnabled()) {
			this.poller = Executors.newSingleThreadScheduledExecutor(threads("notify-outbox-"));
			this.poller.scheduleWithFixedDelay(this::poll, 0, this.properties.pollInterval().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		this.running = true;
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.poller != null) {
			this.poller.shutdownNow();
		}
		this.senders.shutdown();
		try {
			// Sends under way finish or time out; their rows are due again otherwise.
			this.senders.awaitTermination(this.properties.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The client outlives stops: a stopped (paused) context may be started again. */
	@Override
	public void destroy() throws IOException {
		this.http.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	void poll() {
		try {
			cleanUp();
			for (int batch = 0; batch < MAX_BATCHES_PER_POLL && this.running; batch++) {
				List<Claimed> claimed = this.outbox.claim(this.properties.batchSize(), this.properties.lease());
				List<Future<?>> sends = new ArrayList<>();
				for (Claimed message : claimed) {
					sends.add(this.senders.submit(() -> deliver(message)));
				}
				for (Future<?> send : sends) {
					send.get();
				}
				if (claimed.size() < this.properties.batchSize()) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | RuntimeException ex) {
			// The database may be away for a moment: the next poll tries again.
			log.warn("Sending from the notification outbox failed: {}", ex.toString());
		}
	}

	private void cleanUp() {
		if (System.nanoTime() - this.lastCleanUp >= CLEAN_UP_INTERVAL.toNanos()) {
			this.lastCleanUp = System.nanoTime();
			int deleted = this.outbox.deleteFinished(this.properties.retention());
			if (deleted > 0) {
				log.info("Deleted {} notifications finished more than {} ago", deleted, this.properties.retention());
			}
		}
	}

	/**
	 * Sends one queued message now, in the caller's thread ({@code POST
	 * /api/channels/{id}/test}).
	 * @param id the outbox row
	 * @return what came of it, or empty if a replica's worker took it first
	 */
	Optional<Attempt> deliverNow(long id) {
		return this.outbox.claim(id, this.properties.lease()).map(this::deliver);
	}

	/**
	 * @return how long a claimed message stays claimed
	 */
	Duration lease() {
		return this.properties.lease();
	}

	private Attempt deliver(Claimed message) {
		long start = System.nanoTime();
		Attempt attempt;
		try {
			attempt = this.channels.find(message.channelId())
				.map((channel) -> send(channel, this.outbox.notification(message), message))
				.orElseGet(() -> Attempt.failed(null, "the channel was deleted"));
		}
		catch (RuntimeException ex) {
			log.warn("Sending notification {} failed", message.deliveryId(), ex);
			attempt = Attempt.retry(null, "the sender failed: " + ex, null);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (attempt.outcome().equals(Attempt.RETRY) && message.attempt() >= this.properties.maxAttempts()) {
			attempt = Attempt.failed(attempt.statusCode(),
					attempt.error() + " (given up after " + message.attempt() + " attempts)");
		}
		this.outbox.record(message, attempt, took, pause(this.properties, message.attempt(), attempt));
		this.meters.counter("panopticon.notifications.attempts", "outcome", attempt.outcome()).increment();
		return attempt;
	}

	private Attempt send(Channel channel, AlertNotification notification, Claimed message) {
		return switch (channel.type()) {
			case SLACK -> post(channel, SlackMessage.of(notification), message, null);
			case DISCORD -> post(channel, DiscordMessage.of(notification), message, null);
			case TEAMS -> post(channel, TeamsMessage.of(notification), message, null);
			case WEBHOOK ->
				post(channel, WebhookMessage.of(notification, message.deliveryId()), message, channel.signingSecret());
			case EMAIL -> this.mail.send(channel, notification, message.deliveryId());
		};
	}

	private Attempt post(Channel channel, Object body, Claimed message, String signingSecret) {
		return this.http.post(channel.url(), this.json.writeValueAsBytes(body), message.deliveryId(), signingSecret);
	}

	/**
	 * The pause before the next attempt: the receiver's {@code Retry-After}, else the
	 * first retry pause doubled for each earlier attempt, at most the longest pause, less
	 * up to a tenth at random so that retries of many messages spread out.
	 */
	static Duration pause(NotifyProperties properties, int attemptNumber, Attempt attempt) {
		if (attempt.retryAfter() != null) {
			return attempt.retryAfter();
		}
		Duration max = properties.maxRetry();
		Duration pause = properties.firstRetry();
		for (int i = 1; i < attemptNumber && pause.compareTo(max) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		pause = (pause.compareTo(max) > 0) ? max : pause;
		long jitter = ThreadLocalRandom.current().nextLong(pause.toMillis() / 10 + 1);
		return pause.minusMillis(jitter);
	}

}

package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Installs the rollup index template in the background when the application starts,
 * retrying with exponential backoff until it succeeds, so that start-up neither waits for
 * Elasticsearch nor fails without it. Each pass still calls
 * {@link RollupTemplate#ensureInstalled()} first, which returns at once after a success.
 */
final class TemplateInstaller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

	private final RollupTemplate template;

	private final Duration firstRetry;

	private final Duration maxRetry;

	private ScheduledExecutorService executor;

	private Duration nextRetry;

	TemplateInstaller(RollupTemplate template, Duration firstRetry, Duration maxRetry) {
		this.template = template;
		this.firstRetry = firstRetry;
		this.maxRetry = maxRetry;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "rollup-template");
			thread.setDaemon(true);
			return thread;
		});
		this.nextRetry = this.firstRetry;
		this.executor.execute(this::attempt);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void attempt() {
		try {
			this.template.ensureInstalled();
			synchronized (this) {
				if (this.executor != null) {
					this.executor.shutdown();
				}
			}
		}
		catch (RuntimeException ex) {
			retryLater(ex);
		}
	}

	private synchronized void retryLater(RuntimeException ex) {
		if (this.executor == null || this.executor.isShutdown()) {
			return;
		}
		log.warn("Rollup index template not installed yet, retrying in {}: {}", this.nextRetry, ex.getMessage());
		this.executor.schedule(this::attempt, this.nextRetry.toMillis(), TimeUnit.MILLISECONDS);
		Duration doubled = this.nextRetry.multipliedBy(2);
		this.nextRetry = (doubled.compareTo(this.maxRetry) > 0) ? this.maxRetry : doubled;
	}

}

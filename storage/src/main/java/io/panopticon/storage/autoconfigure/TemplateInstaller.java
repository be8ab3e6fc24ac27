package io.panopticon.storage.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Installs a service's index templates in the background when the application starts,
 * retrying with exponential backoff until it succeeds, so that start-up neither waits for
 * Elasticsearch nor fails without it. Whoever writes still calls the same
 * {@code ensureInstalled} before its first write; it is expected to return at once once
 * this has succeeded.
 */
public final class TemplateInstaller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

	private final String name;

	private final Runnable ensureInstalled;

	private final Duration firstRetry;

	private final Duration maxRetry;

	private ScheduledExecutorService executor;

	private Duration nextRetry;

	/**
	 * Creates an installer.
	 * @param name what is installed, for the thread name and the log
	 * @param ensureInstalled installs the templates, or throws when it cannot yet
	 * @param firstRetry the pause after the first failure; doubled after each further one
	 * @param maxRetry the longest pause between attempts
	 */
	public TemplateInstaller(String name, Runnable ensureInstalled, Duration firstRetry, Duration maxRetry) {
		this.name = name;
		this.ensureInstalled = ensureInstalled;
		this.firstRetry = firstRetry;
		this.maxRetry = maxRetry;
	}

	/**
	 * Starts before the web server and the Kafka listener containers: the first write
	 * waits for the templates, so their installation should overlap the rest of the
	 * start-up instead of following it.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.name.toLowerCase(Locale.ROOT).replace(' ', '-'));
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
			this.ensureInstalled.run();
			synchronized (this) {
				if (this.executor != null) {
					this.executor.shutdown();
				}
			}
		}
		catch (RuntimeException ex) {
			// Anything is retried, rather than silently ending the attempts.
			retryLater(ex);
		}
	}

	private synchronized void retryLater(RuntimeException ex) {
		if (this.executor == null || this.executor.isShutdown()) {
			return;
		}
		log.warn("{} not installed yet, retrying in {}: {}", this.name, this.nextRetry, ex.getMessage());
		this.executor.schedule(this::attempt, this.nextRetry.toMillis(), TimeUnit.MILLISECONDS);
		Duration doubled = this.nextRetry.multipliedBy(2);
		this.nextRetry = (doubled.compareTo(this.maxRetry) > 0) ? this.maxRetry : doubled;
	}

}

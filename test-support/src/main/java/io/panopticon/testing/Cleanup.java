package io.panopticon.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what the harness started, newest first, from one JVM shutdown hook.
 */
final class Cleanup {

	private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

	/**
	 * Shutdown hooks of Spring application contexts (cached test contexts among them).
	 */
	private static final List<String> SPRING_HOOKS = List.of("SpringContextShutdownHook",
			"SpringApplicationShutdownHook");

	private static final long SPRING_HOOK_WAIT_MILLIS = 30_000;

	private static final Deque<Entry> entries = new ArrayDeque<>();

	private static boolean closing;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "panopticon-test-servers-shutdown"));
	}

	private Cleanup() {
	}

	/**
	 * Have {@code resource} closed when the JVM exits.
	 * @param <T> the resource type
	 * @param name what it is, for the log
	 * @param resource the resource
	 * @return {@code resource}
	 */
	static <T extends AutoCloseable> T register(String name, T resource) {
		synchronized (Cleanup.class) {
			if (!closing) {
				entries.push(new Entry(name, resource));
				return resource;
			}
		}
		// Started by a thread that outran the shutdown hook.
		close(new Entry(name, resource));
		throw new IllegalStateException("The JVM is shutting down; stopped " + name + " again");
	}

	private static void closeAll() {
		synchronized (Cleanup.class) {
			closing = true;
		}
		awaitSpringContexts();
		while (true) {
			Entry entry;
			synchronized (Cleanup.class) {
				entry = entries.poll();
			}
			if (entry == null) {
				return;
			}
			close(entry);
		}
	}

	private static void close(Entry entry) {
		try {
			entry.resource.close();
			log.debug("Stopped {}", entry.name);
		}
		catch (Exception ex) {
			log.warn("Could not stop {}: {}", entry.name, ex.toString());
		}
	}

	/**
	 * JVM shutdown hooks run concurrently. Spring test contexts close in their own hooks;
	 * stopping the servers under them would fill the log with connection errors, so wait
	 * for those hooks first (for a bounded time).
	 */
	private static void awaitSpringContexts() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPRING_HOOK_WAIT_MILLIS);
		try {
			// The JVM starts all hooks one after another; give the others a moment to
			// start.
			Thread.sleep(50);
			List<Thread> hooks = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> SPRING_HOOKS.contains(thread.getName()))
				.collect(Collectors.toList());
			for (Thread hook : hooks) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining > 0) {
					hook.join(remaining);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Entry(String name, AutoCloseable resource) {
	}

}

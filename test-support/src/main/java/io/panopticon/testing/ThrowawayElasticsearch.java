package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An Elasticsearch node of one test's own, for tests that take Elasticsearch away and
 * bring it back: {@link #stop()} shuts it down, {@link #start()} runs it again on the
 * same ports with the same data, so the {@link #url()} stays valid and indexed documents
 * are still there. It is always a local process from the server zip, whatever serves the
 * shared node ({@code PANOPTICON_TEST_ES} or a container could not be restarted in
 * place). Closing it stops the node and deletes its folder; one still open when the JVM
 * exits is closed then.
 *
 * @see TestServers#startThrowawayElasticsearch()
 */
public final class ThrowawayElasticsearch implements AutoCloseable {

	private final SearchNode node;

	ThrowawayElasticsearch(SearchNode node) {
		this.node = node;
	}

	/**
	 * The node's HTTP address, the same across {@link #stop()} and {@link #start()}.
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	public String url() {
		return this.node.url();
	}

	/**
	 * Whether the node runs: true after it started, false once {@link #stop()} or
	 * {@link #close()} returned or when the server died.
	 * @return whether its process is alive
	 */
	public boolean isRunning() {
		return this.node.isRunning();
	}

	/**
	 * Shut the node down gracefully (SIGTERM; SIGKILL only if it has not exited after 20
	 * s) and keep its data. Returns once the server process is gone and its ports refuse
	 * connections. Does nothing when it is stopped.
	 * @throws IllegalStateException when a port still accepts connections afterwards
	 */
	public void stop() {
		try {
			this.node.stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping Elasticsearch at " + url(), ex);
		}
	}

	/**
	 * Start the stopped node again on the same HTTP and transport ports, with the same
	 * data folder, and wait until its cluster is at least yellow (all primaries, and so
	 * every index, available). On a busy machine that takes 20 to 40 s; the limit is the
	 * one of the shared node ({@code panopticon.test.es.start-timeout}, two minutes by
	 * default). Does nothing when it runs.
	 * @throws IllegalStateException when it is closed, when another process holds one of
	 * its ports, or when it is not ready in time (the message carries the end of its log)
	 */
	public void start() {
		try {
			this.node.restart();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Elasticsearch at " + url() + " again", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting Elasticsearch at " + url(), ex);
		}
	}

	/**
	 * Stop the node for good and delete its folder. Calling it again does nothing.
	 */
	@Override
	public void close() {
		this.node.close();
	}

	/** The node's own folder, with its data, logs and console log. */
	Path folder() {
		return this.node.folder();
	}

	@Override
	public String toString() {
		return "ThrowawayElasticsearch[" + url() + (isRunning() ? "]" : ", stopped]");
	}

}

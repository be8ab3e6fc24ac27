package io.panopticon.testing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Kafka broker of one test's own, for tests that stop it (for example to see a health
 * check go down). Closing it stops the broker; one still open when the JVM exits is
 * stopped then.
 *
 * @see TestServers#startThrowawayKafka()
 */
public final class ThrowawayKafka implements AutoCloseable {

	private final String bootstrapServers;

	private final AutoCloseable broker;

	private final AtomicBoolean closed = new AtomicBoolean();

	ThrowawayKafka(String bootstrapServers, AutoCloseable broker) {
		this.bootstrapServers = bootstrapServers;
		this.broker = broker;
	}

	/**
	 * The broker's address for clients.
	 * @return {@code host:port}
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return true once the broker is stopped
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Stop the broker. Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.broker.close();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("Could not stop the Kafka broker at " + this.bootstrapServers, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "ThrowawayKafka[" + this.bootstrapServers + (isClosed() ? ", closed]" : "]");
	}

}

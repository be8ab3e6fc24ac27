package io.panopticon.errorstream;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP client of the error stream, as a dashboard would be one: Spring's
 * {@link WebSocketStompClient} over a real WebSocket. Every message of every subscription
 * is kept, in arrival order, as JSON.
 */
final class StompProbe implements AutoCloseable {

	private static final ThreadPoolTaskScheduler SCHEDULER = scheduler();

	private final WebSocketStompClient client;

	private final StompSession session;

	private StompProbe(WebSocketStompClient client, StompSession session) {
		this.client = client;
		this.session = session;
	}

	/**
	 * Connects with a token (none when {@code null}).
	 * @param port the service's port
	 * @param token the bearer token, or {@code null}
	 * @return the connected probe
	 * @throws ExecutionException if the server refused the connection
	 */
	static StompProbe connect(int port, String token) throws ExecutionException {
		return connect(port, token, null);
	}

	/**
	 * Connects with a token and an Origin header.
	 * @param port the service's port
	 * @param token the bearer token, or {@code null}
	 * @param origin the handshake's Origin header, or {@code null} for none
	 * @return the connected probe
	 * @throws ExecutionException if the server refused the handshake or the connection
	 */
	static StompProbe connect(int port, String token, String origin) throws ExecutionException {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container));
		client.setMessageConverter(new JacksonJsonMessageConverter());
		client.setTaskScheduler(SCHEDULER);
		client.setInboundMessageSizeLimit(1024 * 1024);
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		if (origin != null) {
			handshake.setOrigin(origin);
		}
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("Authorization", "Bearer " + token);
		}
		CompletableFuture<StompSession> future = client.connectAsync("ws://127.0.0.1:" + port + "/ws/error-logs",
				handshake, connect, new StompSessionHandlerAdapter() {
				});
		try {
			StompSession session = future.get(30, TimeUnit.SECONDS);
			session.setAutoReceipt(true);
			return new StompProbe(client, session);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			client.stop();
			throw new IllegalStateException("no CONNECTED within 30 s", ex);
		}
		catch (ExecutionException ex) {
			client.stop();
			throw ex;
		}
	}

	/**
	 * Subscribes and waits for the server's receipt, so that what is produced afterwards
	 * reaches the subscription.
	 * @param destination the destination
	 * @param environment the {@code environment} header, or {@code null}
	 * @return the messages the subscription receives
	 */
	Received subscribe(String destination, String environment) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		if (environment != null) {
			headers.add("environment", environment);
		}
		Received received = new Received();
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = this.session.subscribe(headers, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders frame) {
				return JsonNode.class;
			}

			@Override
			public void handleFrame(StompHeaders frame, Object payload) {
				received.messages.add((JsonNode) payload);
			}

		});
		subscription.addReceiptTask(() -> receipt.complete(null));
		subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new IllegalStateException("no RECEIPT")));
		try {
			receipt.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the subscription to " + destination + " was not confirmed", ex);
		}
		return received;
	}

	boolean isConnected() {
		return this.session.isConnected();
	}

	@Override
	public void close() {
		if (this.session.isConnected()) {
			this.session.disconnect();
		}
		this.client.stop();
	}

	private static ThreadPoolTaskScheduler scheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("stomp-probe-");
		scheduler.initialize();
		return scheduler;
	}

	/** The messages of one subscription, in arrival order. */
	static final class Received {

		private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

		private final List<JsonNode> taken = new ArrayList<>();

		/**
		 * Waits until {@code count} messages (summaries included) arrived or the time is
		 * up, then returns all that arrived so far.
		 */
		synchronized List<JsonNode> await(int count, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			try {
				while (this.taken.size() < count) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						break;
					}
					JsonNode next = this.messages.poll(left, TimeUnit.NANOSECONDS);
					if (next != null) {
						this.taken.add(next);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.messages.drainTo(this.taken);
			return List.copyOf(this.taken);
		}

		/** Waits a little for stragglers, then returns everything received. */
		synchronized List<JsonNode> settle(Duration quiet) {
			try {
				JsonNode next;
				while ((next = this.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
					this.taken.add(next);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.copyOf(this.taken);
		}

		/** The error-log messages among {@code messages}, without summaries. */
		static List<JsonNode> errorLogs(List<JsonNode> messages) {
			return messages.stream().filter((m) -> "error-log".equals(m.path("type").asString())).toList();
		}

	}

}

package io.panopticon.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated system behind the sample traffic: an online shop of ten instrumented
 * services, their fifty HTTP endpoints, who calls whom, and the uninstrumented
 * dependencies (databases, caches, brokers, third-party APIs) they reach through client
 * spans. Immutable; {@link TrafficModel} walks it to generate traces.
 * <p>
 * Every public request enters at {@value #GATEWAY}. The call graph is sized so that a
 * trace has between {@value TrafficModel#MIN_SPANS} and {@value TrafficModel#MAX_SPANS}
 * spans; the largest ones are checkout and order cancellation.
 */
final class Topology {

	static final String GATEWAY = "web-gateway";

	/** The ten instrumented services, gateway first. */
	static final List<String> SERVICES = List.of(GATEWAY, "orders", "payments", "inventory", "users", "search", "cart",
			"shipping", "notifications", "recommendations");

	// Uninstrumented dependencies and how they fail.

	static final Peer POSTGRES = new Peer("postgres", 3_000_000,
			List.of(new Failure("org.postgresql.util.PSQLException",
					"ERROR: canceling statement due to statement timeout", null, true),
					new Failure("java.sql.SQLTransientConnectionException",
							"HikariPool-1 - Connection is not available, request timed out after 3000ms", null, true),
					new Failure("org.postgresql.util.PSQLException", "ERROR: deadlock detected", null, false)));

	static final Peer REDIS = new Peer("redis", 1_000_000, List.of(
			new Failure("io.lettuce.core.RedisCommandTimeoutException", "Command timed out after 1 second(s)", null,
					true),
			new Failure("io.lettuce.core.RedisConnectionException", "Unable to connect to redis:6379", null, false)));

	static final Peer KAFKA = new Peer("kafka", 5_000_000,
			List.of(new Failure("org.apache.kafka.common.errors.TimeoutException",
					"Expiring 1 record(s): 5001 ms has passed since batch creation", null, true),
					new Failure("org.apache.kafka.common.errors.NotLeaderOrFollowerException",
							"This server is not the leader for that topic-partition", null, false)));

	static final Peer ELASTICSEARCH = new Peer("elasticsearch", 5_000_000, List.of(
			new Failure("co.elastic.clients.elasticsearch._types.ElasticsearchException",
					"[es/search] failed: [search_phase_execution_exception] all shards failed", 503, false),
			new Failure("java.net.SocketTimeoutException", "5,000 milliseconds timeout on connection", null, true)));

	static final Peer STRIPE = new Peer("stripe-api", 10_000_000,
			List.of(new Failure("com.stripe.exception.ApiConnectionException",
					"IOException during API request to Stripe (https://api.stripe.com): Read timed out", null, true),
					new Failure("com.stripe.exception.ApiException", "An unknown error occurred", 500, false),
					new Failure("com.stripe.exception.ApiException", "Service unavailable", 503, false)));

	static final Peer SENDGRID = new Peer("sendgrid-api", 5_000_000,
			List.of(new Failure("java.io.IOException", "Request returned status Code 503", 503, false),
					new Failure("java.net.SocketTimeoutException", "Read timed out", null, true)));

	static final Peer FEDEX = new Peer("fedex-api", 8_000_000,
			List.of(new Failure("org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
					"503 Service Unavailable", 503, false),
					new Failure("org.springframework.web.client.HttpServerErrorException$GatewayTimeout",
							"504 Gateway Timeout", 504, true)));

	static final List<Peer> PEERS = List.of(POSTGRES, REDIS, KAFKA, ELASTICSEARCH, STRIPE, SENDGRID, FEDEX);

	/** How an instrumented service fails on its own (a bug rather than a dependency). */
	static final List<Failure> SERVICE_FAILURES = List.of(
			new Failure("java.lang.NullPointerException",
					"Cannot invoke \"java.util.List.size()\" because \"items\" is null", 500, false),
			new Failure("java.lang.IllegalStateException", "Unexpected state transition", 500, false),
			new Failure("java.util.concurrent.RejectedExecutionException", "Thread pool is exhausted", 503, false));

	/** Where every trace starts, with its relative frequency. */
	static final List<Entry> ENTRIES;

	/** Every server endpoint of every service, gateway first. */
	static final List<Endpoint> ENDPOINTS;

	static {
		// users
		Endpoint getUser = endpoint("users", "GET", "/users/{userId}", 600).call(redis("GET", "user:{userId}"))
			.call(0.3, pgSelect("users", "SELECT id, email, name, tier FROM users WHERE id = $1"))
			.build();
		Endpoint getPreferences = endpoint("users", "GET", "/users/{userId}/preferences", 500)
			.call(redis("GET", "prefs:{userId}"))
			.call(0.4, pgSelect("user_preferences", "SELECT key, value FROM user_preferences WHERE user_id = $1"))
			.build();
		Endpoint getAddresses = endpoint("users", "GET", "/users/{userId}/addresses", 700)
			.call(pgSelect("addresses", "SELECT * FROM addresses WHERE user_id = $1 AND deleted = false"))
			.build();
		Endpoint createSession = endpoint("users", "POST", "/sessions", 2_500).ok(201)
			.clientError(0.03, 401, "login failed for {userId}: invalid credentials")
			.info("user {userId} logged in")
			.call(pgSelect("users", "SELECT id, password_hash FROM users WHERE email = $1"))
			.call(redis("SET", "session:{session}"))
			.call(0.5, publish("user.events"))
			.build();
		// inventory
		Endpoint getProduct = endpoint("inventory", "GET", "/products/{productId}", 700)
			.clientError(0.01, 404, "product {productId} not found")
			.call(redis("GET", "product:{productId}"))
			.call(0.25, pgSelect("products", "SELECT * FROM products WHERE id = $1"))
			.build();
		Endpoint getStock = endpoint("inventory", "GET", "/stock/{sku}", 500).call(redis("GET", "stock:{sku}"))
			.call(0.3, pgSelect("stock", "SELECT sku, available, reserved FROM stock WHERE sku = $1"))
			.build();
		Endpoint reserve = endpoint("inventory", "POST", "/reservations", 900).ok(201)
			.clientError(0.02, 409, "not enough stock for {sku}")
			.call(pgWrite("UPDATE", "stock",
					"UPDATE stock SET available = available - $2, reserved = reserved + $2 WHERE sku = $1"))
			.call(pgWrite("INSERT", "reservations",
					"INSERT INTO reservations (id, order_id, sku, quantity) VALUES ($1, $2, $3, $4)"))
			.build();
		Endpoint release = endpoint("inventory", "DELETE", "/reservations/{reservationId}", 800).ok(204)
			.call(pgWrite("DELETE", "reservations", "DELETE FROM reservations WHERE id = $1"))
			.call(pgWrite("UPDATE", "stock",
					"UPDATE stock SET available = available + $2, reserved = reserved - $2 WHERE sku = $1"))
			.build();
		Endpoint listProducts = endpoint("inventory", "GET", "/products", 900)
			.call(redis("MGET", "product:{productId}"))
			.call(pgSelect("products", "SELECT * FROM products WHERE id = ANY($1)"))
			.build();
		// search
		Endpoint search = endpoint("search", "GET", "/search", 1_500).call(0.5, redis("GET", "search:{query}"))
			.call(esSearch("products"))
			.build();
		Endpoint suggest = endpoint("search", "GET", "/search/suggest", 600).call(redis("GET", "suggest:{query}"))
			.call(0.4, esSearch("suggestions"))
			.build();
		Endpoint categories = endpoint("search", "GET", "/categories", 400).call(redis("GET", "categories"))
			.call(0.2, pgSelect("categories", "SELECT id, parent_id, name FROM categories"))
			.build();
		// recommendations
		Endpoint recommendForUser = endpoint("recommendations", "GET", "/recommendations/{userId}", 4_000)
			.call(redis("GET", "recs:{userId}"))
			.call(0.5, getPreferences)
			.call(listProducts)
			.build();
		Endpoint similar = endpoint("recommendations", "GET", "/recommendations/similar/{productId}", 2_000)
			.call(redis("GET", "similar:{productId}"))
			.call(0.5, esSearch("products"))
			.build();
		Endpoint recordEvent = endpoint("recommendations", "POST", "/recommendations/events", 300).ok(202)
			.call(publish("recommendation.events"))
			.build();
		// cart
		Endpoint getCart = endpoint("cart", "GET", "/cart/{userId}", 500).call(redis("GET", "cart:{userId}"))
			.call(0.6, listProducts)
			.build();
		Endpoint addToCart = endpoint("cart", "POST", "/cart/{userId}/items", 700)
			.clientError(0.02, 409, "item {sku} is out of stock")
			.call(redis("GET", "cart:{userId}"))
			.call(getStock)
			.call(redis("SET", "cart:{userId}"))
			.build();
		Endpoint removeFromCart = endpoint("cart", "DELETE", "/cart/{userId}/items/{sku}", 400).ok(204)
			.call(redis("GET", "cart:{userId}"))
			.call(redis("SET", "cart:{userId}"))
			.build();
		Endpoint clearCart = endpoint("cart", "DELETE", "/cart/{userId}", 300).ok(204)
			.call(redis("DEL", "cart:{userId}"))
			.build();
		// payments
		Endpoint pay = endpoint("payments", "POST", "/payments", 1_800).ok(201)
			.clientError(0.02, 402, "payment for order {orderId} declined: card_declined")
			.info("payment {paymentId} authorized for order {orderId}")
			.call(pgWrite("INSERT", "payments",
					"INSERT INTO payments (id, order_id, amount_cents, currency, status) VALUES ($1, $2, $3, $4, $5)"))
			.call(httpPeer(STRIPE, "POST", "/v1/payment_intents", 250_000, "https://api.stripe.com"))
			.call(publish("payment.events"))
			.build();
		Endpoint refund = endpoint("payments", "POST", "/payments/{paymentId}/refund", 1_500)
			.info("payment {paymentId} refunded")
			.call(pgSelect("payments", "SELECT * FROM payments WHERE id = $1"))
			.call(httpPeer(STRIPE, "POST", "/v1/refunds", 300_000, "https://api.stripe.com"))
			.call(pgWrite("UPDATE", "payments", "UPDATE payments SET status = 'refunded' WHERE id = $1"))
			.build();
		Endpoint getPayment = endpoint("payments", "GET", "/payments/{paymentId}", 500)
			.call(pgSelect("payments", "SELECT * FROM payments WHERE id = $1"))
			.build();
		Endpoint paymentMethods = endpoint("payments", "GET", "/payment-methods/{userId}", 600)
			.call(redis("GET", "pm:{userId}"))
			.call(0.3, httpPeer(STRIPE, "GET", "/v1/payment_methods", 180_000, "https://api.stripe.com"))
			.build();
		// shipping
		Endpoint getShipment = endpoint("shipping", "GET", "/shipments/{orderId}", 500)
			.call(pgSelect("shipments", "SELECT * FROM shipments WHERE order_id = $1"))
			.build();
		Endpoint tracking = endpoint("shipping", "GET", "/shipments/{shipmentId}/tracking", 800)
			.clientError(0.01, 404, "shipment {shipmentId} not found")
			.call(redis("GET", "tracking:{shipmentId}"))
			.call(0.6, httpPeer(FEDEX, "POST", "/track/v1/trackingnumbers", 300_000, "https://apis.fedex.com"))
			.build();
		Endpoint quote = endpoint("shipping", "POST", "/shipments/quote", 1_000).call(getAddresses)
			.call(httpPeer(FEDEX, "POST", "/rate/v1/rates/quotes", 350_000, "https://apis.fedex.com"))
			.build();
		// notifications
		Endpoint email = endpoint("notifications", "POST", "/notifications/email", 900).ok(202)
			.info("email {template} queued for user {userId}")
			.call(0.5, redis("GET", "template:{template}"))
			.call(httpPeer(SENDGRID, "POST", "/v3/mail/send", 120_000, "https://api.sendgrid.com"))
			.call(pgWrite("INSERT", "notifications",
					"INSERT INTO notifications (id, user_id, channel, template) VALUES ($1, $2, $3, $4)"))
			.build();
		Endpoint push = endpoint("notifications", "POST", "/notifications/push", 600).ok(202)
			.call(redis("SMEMBERS", "devices:{userId}"))
			.call(pgWrite("INSERT", "notifications",
					"INSERT INTO notifications (id, user_id, channel, template) VALUES ($1, $2, $3, $4)"))
			.build();
		Endpoint ship = endpoint("shipping", "POST", "/shipments", 1_200).ok(201)
			.info("shipment {shipmentId} created for order {orderId}")
			.call(pgWrite("INSERT", "shipments",
					"INSERT INTO shipments (id, order_id, carrier, status) VALUES ($1, $2, $3, $4)"))
			.call(httpPeer(FEDEX, "POST", "/ship/v1/shipments", 600_000, "https://apis.fedex.com"))
			.tolerant(1.0, push)
			.build();
		// orders
		Endpoint createOrder = endpoint("orders", "POST", "/orders", 2_000).ok(201)
			.info("order {orderId} created")
			.call(reserve)
			.call(pay)
			.call(pgWrite("INSERT", "orders",
					"INSERT INTO orders (id, user_id, status, total_cents, currency) VALUES ($1, $2, $3, $4, $5)"))
			.call(publish("order.events"))
			.build();
		Endpoint listOrders = endpoint("orders", "GET", "/orders", 900).call(pgSelect("orders",
				"SELECT id, status, total_cents, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20"))
			.call(0.5, listProducts)
			.build();
		Endpoint getOrder = endpoint("orders", "GET", "/orders/{orderId}", 800)
			.clientError(0.01, 404, "order {orderId} not found")
			.call(pgSelect("orders", "SELECT * FROM orders WHERE id = $1"))
			.call(pgSelect("order_items", "SELECT sku, quantity, price_cents FROM order_items WHERE order_id = $1"))
			.call(getShipment)
			.tolerant(0.5, getPayment)
			.build();
		Endpoint cancelOrder = endpoint("orders", "POST", "/orders/{orderId}/cancel", 1_200)
			.clientError(0.02, 409, "order {orderId} has already shipped")
			.info("order {orderId} cancelled")
			.call(pgSelect("orders", "SELECT * FROM orders WHERE id = $1 FOR UPDATE"))
			.call(refund)
			.call(release)
			.call(pgWrite("UPDATE", "orders", "UPDATE orders SET status = 'cancelled' WHERE id = $1"))
			.tolerant(1.0, email)
			.build();

		// The gateway checks the session in Redis, then calls the backend.
		PeerOperation session = redis("GET", "session:{session}");
		List<Entry> entries = new ArrayList<>();
		entries.add(new Entry(20,
				gateway("GET", "/api/products/search").call(session).call(search).tolerant(0.3, similar).build()));
		entries.add(new Entry(18,
				gateway("GET", "/api/products/{productId}").call(session)
					.call(getProduct)
					.call(0.5, getStock)
					.tolerant(0.7, similar)
					.build()));
		entries.add(new Entry(8, gateway("GET", "/api/search/suggest").call(session).call(suggest).build()));
		entries.add(new Entry(4, gateway("GET", "/api/categories").call(session).call(categories).build()));
		entries.add(new Entry(6, gateway("GET", "/api/recommendations").call(session).call(recommendForUser).build()));
		entries.add(new Entry(10, gateway("GET", "/api/cart").call(session).call(getCart).build()));
		entries.add(new Entry(6,
				gateway("POST", "/api/cart/items").call(session).call(addToCart).tolerant(0.5, recordEvent).build()));
		entries
			.add(new Entry(2, gateway("DELETE", "/api/cart/items/{sku}").call(session).call(removeFromCart).build()));
		entries.add(
				new Entry(3, gateway("POST", "/api/checkout").call(session).call(createOrder).call(clearCart).build()));
		entries.add(new Entry(5, gateway("GET", "/api/orders").call(session).call(listOrders).build()));
		entries.add(new Entry(6, gateway("GET", "/api/orders/{orderId}").call(session).call(getOrder).build()));
		entries
			.add(new Entry(1, gateway("POST", "/api/orders/{orderId}/cancel").call(session).call(cancelOrder).build()));
		entries.add(new Entry(4, gateway("POST", "/api/login").call(createSession).build()));
		entries.add(new Entry(4,
				gateway("GET", "/api/me").call(session).call(getUser).tolerant(0.3, paymentMethods).build()));
		entries.add(new Entry(3,
				gateway("GET", "/api/shipments/{shipmentId}/tracking").call(session).call(tracking).build()));
		entries.add(new Entry(2, gateway("POST", "/api/shipping/quote").call(session).call(quote).build()));
		entries.add(new Entry(1, gateway("POST", "/api/admin/orders/{orderId}/ship").call(session).call(ship).build()));
		ENTRIES = List.copyOf(entries);
		ENDPOINTS = List.copyOf(collectEndpoints(ENTRIES));
	}

	private Topology() {
	}

	private static Set<Endpoint> collectEndpoints(List<Entry> entries) {
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		for (Entry entry : entries) {
			endpoints.add(entry.endpoint());
		}
		for (Entry entry : entries) {
			collect(entry.endpoint(), endpoints);
		}
		return endpoints;
	}

	private static void collect(Endpoint endpoint, Set<Endpoint> into) {
		for (Call call : endpoint.calls()) {
			if (call.target() instanceof Endpoint callee) {
				into.add(callee);
				collect(callee, into);
			}
		}
	}

	private static EndpointBuilder endpoint(String service, String method, String route, long selfMicros) {
		return new EndpointBuilder(service, method, route, selfMicros);
	}

	private static EndpointBuilder gateway(String method, String route) {
		return new EndpointBuilder(GATEWAY, method, route, 400);
	}

	private static PeerOperation pgSelect(String table, String statement) {
		return pg("SELECT", table, statement, 1_500);
	}

	private static PeerOperation pgWrite(String operation, String table, String statement) {
		return pg(operation, table, statement, 2_500);
	}

	private static PeerOperation pg(String operation, String table, String statement, long medianMicros) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("db.system", "postgresql");
		attributes.put("db.name", "shop");
		attributes.put("db.statement", statement);
		return new PeerOperation(POSTGRES, operation + " " + table, null, null, medianMicros, 0.7, attributes);
	}

	private static PeerOperation redis(String command, String key) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("db.system", "redis");
		attributes.put("db.statement", command + " " + key);
		return new PeerOperation(REDIS, command, null, null, 300, 0.5, attributes);
	}

	private static PeerOperation publish(String topic) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("messaging.system", "kafka");
		attributes.put("messaging.destination.name", topic);
		attributes.put("messaging.operation", "publish");
		return new PeerOperation(KAFKA, topic + " publish", null, null, 2_000, 0.6, attributes);
	}

	private static PeerOperation esSearch(String index) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("db.system", "elasticsearch");
		attributes.put("http.url", "http://search-es:9200/" + index + "/_search");
		return new PeerOperation(ELASTICSEARCH, "POST /" + index + "/_search", "POST", "/" + index + "/_search", 12_000,
				0.6, attributes);
	}

	private static PeerOperation httpPeer(Peer peer, String method, String route, long medianMicros, String baseUrl) {
		return new PeerOperation(peer, method + " " + route, method, route, medianMicros, 0.4,
				Map.of("http.url", baseUrl + route));
	}

	/**
	 * An uninstrumented dependency.
	 *
	 * @param name the {@code peerService} of the client spans that reach it
	 * @param timeoutMicros how long a call that times out takes
	 * @param failures how its calls fail
	 */
	record Peer(String name, long timeoutMicros, List<Failure> failures) {
	}

	/**
	 * One way a call fails.
	 *
	 * @param exceptionType the exception class, as in the {@code exception.type}
	 * attribute
	 * @param message the exception message
	 * @param httpStatus the HTTP status the failing side answered, or {@code null} when
	 * there was no HTTP answer
	 * @param timeout whether the call failed by running into its timeout
	 */
	record Failure(String exceptionType, String message, Integer httpStatus, boolean timeout) {
	}

	/** What a call reaches: an instrumented endpoint or an uninstrumented operation. */
	sealed interface Target permits Endpoint, PeerOperation {

	}

	/**
	 * One operation on an uninstrumented dependency, recorded as a CLIENT span.
	 *
	 * @param peer the dependency
	 * @param name the span name
	 * @param httpMethod the HTTP method when the dependency speaks HTTP, else
	 * {@code null}
	 * @param httpRoute the route when the dependency speaks HTTP, else {@code null}
	 * @param medianMicros the median duration
	 * @param sigma the spread of the log-normal duration
	 * @param attributes the span attributes; values may hold {@code {placeholders}}
	 */
	record PeerOperation(Peer peer, String name, String httpMethod, String httpRoute, long medianMicros, double sigma,
			Map<String, String> attributes) implements Target {
	}

	/**
	 * An HTTP endpoint of an instrumented service, recorded as a SERVER span (and, when
	 * another service calls it, as that caller's CLIENT span).
	 *
	 * @param service the service
	 * @param method the HTTP method
	 * @param route the route template
	 * @param okStatus the HTTP status of a successful call
	 * @param selfMicros the median time spent in the service itself
	 * @param clientErrorRate how often the call is refused with a 4xx status
	 * @param clientErrorStatus the 4xx status
	 * @param clientErrorLog the WARN log line of a refused call, with
	 * {@code {placeholders}}
	 * @param infoLog the INFO log line of a successful call, or {@code null}
	 * @param calls the calls it makes, in order
	 */
	record Endpoint(String service, String method, String route, int okStatus, long selfMicros, double clientErrorRate,
			int clientErrorStatus, String clientErrorLog, String infoLog, List<Call> calls) implements Target {

		String name() {
			return this.method + " " + this.route;
		}

	}

	/**
	 * A call an endpoint makes.
	 *
	 * @param target what it calls
	 * @param probability how often the call is made
	 * @param tolerated whether the caller carries on without the answer when the call
	 * fails (a fallback), instead of failing itself
	 */
	record Call(Target target, double probability, boolean tolerated) {
	}

	/**
	 * A gateway endpoint where traces start.
	 *
	 * @param weight relative frequency
	 * @param endpoint the endpoint
	 */
	record Entry(int weight, Endpoint endpoint) {
	}

	private static final class EndpointBuilder {

		private final String service;

		private final String method;

		private final String route;

		private final long selfMicros;

		private int okStatus = 200;

		private double clientErrorRate;

		private int clientErrorStatus;

		private String clientErrorLog;

		private String infoLog;

		private final List<Call> calls = new ArrayList<>();

		EndpointBuilder(String service, String method, String route, long selfMicros) {
			this.service = service;
			this.method = method;
			this.route = route;
			this.selfMicros = selfMicros;
		}

		EndpointBuilder ok(int status) {
			this.okStatus = status;
			return this;
		}

		EndpointBuilder clientError(double rate, int status, String log) {
			this.clientErrorRate = rate;
			this.clientErrorStatus = status;
			this.clientErrorLog = log;
			return this;
		}

		EndpointBuilder info(String log) {
			this.infoLog = log;
			return this;
		}

		EndpointBuilder call(Target target) {
			return call(1.0, target);
		}

		EndpointBuilder call(double probability, Target target) {
			this.calls.add(new Call(target, probability, false));
			return this;
		}

		EndpointBuilder tolerant(double probability, Target target) {
			this.calls.add(new Call(target, probability, true));
			return this;
		}

		Endpoint build() {
			return new Endpoint(this.service, this.method, this.route, this.okStatus, this.selfMicros,
					this.clientErrorRate, this.clientErrorStatus, this.clientErrorLog, this.infoLog,
					List.copyOf(this.calls));
		}

	}

}

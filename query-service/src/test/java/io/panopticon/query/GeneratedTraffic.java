package io.panopticon.query;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reproducible set of traces between five services and an uninstrumented database,
 * spread evenly over a span of time, with errors of every kind the definitions
 * distinguish and latencies from about 50 µs to a minute. The test knows every span and
 * every call it made, so it can compute the expected figures itself.
 */
final class GeneratedTraffic {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final String gateway;

	final String orders;

	final String payments;

	final String inventory;

	final String notifications;

	/** Called by orders, sends no spans. */
	final String postgres;

	final String environment;

	final List<TestSpan> spans = new ArrayList<>();

	/** Every call between services, with the span it is counted with. */
	final List<Call> calls = new ArrayList<>();

	/** Every trace's spans, as one Kafka record value each. */
	final Map<String, String> records = new LinkedHashMap<>();

	private final Random random;

	private GeneratedTraffic(String run, long seed) {
		this.gateway = "gateway-" + run;
		this.orders = "orders-" + run;
		this.payments = "payments-" + run;
		this.inventory = "inventory-" + run;
		this.notifications = "notifications-" + run;
		this.postgres = "postgres-" + run;
		this.environment = "it-" + run;
		this.random = new Random(seed);
	}

	/**
	 * Generates traces whose root spans start evenly spread over
	 * {@code [fromMicros, toMicros)}.
	 * @param run a suffix of the service names and the environment, unique per test run
	 * @param seed the random seed
	 * @param traces how many traces
	 * @param fromMicros the earliest start
	 * @param toMicros the latest start (exclusive); child spans start a few ms after
	 * their parents and may cross it
	 * @return the traffic
	 */
	static GeneratedTraffic generate(String run, long seed, int traces, long fromMicros, long toMicros) {
		GeneratedTraffic traffic = new GeneratedTraffic(run, seed);
		long step = (toMicros - fromMicros) / traces;
		for (int i = 0; i < traces; i++) {
			long start = fromMicros + i * step + traffic.random.nextLong(Math.max(1, step));
			traffic.trace(start);
		}
		return traffic;
	}

	private void trace(long start) {
		String traceId = hex(16);
		List<TestSpan> trace = new ArrayList<>();
		double kind = this.random.nextDouble();
		if (kind < 0.25) {
			// Search: answered by the gateway alone, sometimes 404 (not an error).
			int status = (this.random.nextDouble() < 0.1) ? 404 : 200;
			trace.add(server(traceId, null, this.gateway, "GET", "/api/search", start, latency(800), "UNSET", status));
		}
		else if (kind < 0.65) {
			getOrder(traceId, start, trace);
		}
		else {
			placeOrder(traceId, start, trace);
		}
		this.spans.addAll(trace);
		ArrayNode array = JSON.createArrayNode();
		trace.forEach((span) -> array.add(span.json()));
		this.records.put(traceId, JSON.writeValueAsString(array));
	}

	private void getOrder(String traceId, long start, List<TestSpan> trace) {
		long dbTime = latency(2_000);
		boolean dbError = this.random.nextDouble() < 0.02;
		long ordersTime = dbTime + latency(3_000);
		long clientTime = ordersTime + latency(500);
		// Orders answers 500 with status UNSET (an error), or 503 with status OK (not
		// one: an explicit OK wins over the HTTP status).
		double outcome = this.random.nextDouble();
		String ordersCode = "UNSET";
		int ordersStatus = 200;
		if (dbError || outcome < 0.03) {
			ordersStatus = 500;
		}
		else if (outcome < 0.05) {
			ordersCode = "OK";
			ordersStatus = 503;
		}
		boolean ordersError = ordersStatus == 500;
		TestSpan root = server(traceId, null, this.gateway, "GET", "/api/orders/{id}", start, clientTime + latency(300),
				"UNSET", ordersError ? 502 : 200);
		TestSpan client = client(traceId, root.spanId(), this.gateway, "GET /orders/{id}", this.orders, start + 100,
				clientTime, ordersError ? "ERROR" : "UNSET");
		TestSpan served = server(traceId, client.spanId(), this.orders, "GET", "/orders/{id}", start + 600, ordersTime,
				ordersCode, ordersStatus);
		TestSpan query = client(traceId, served.spanId(), this.orders, "SELECT orders", this.postgres, start + 700,
				dbTime, dbError ? "ERROR" : "UNSET");
		trace.addAll(List.of(root, client, served, query));
		this.calls.add(new Call(this.gateway, this.orders, client));
		this.calls.add(new Call(this.orders, this.postgres, query));
	}

	private void placeOrder(String traceId, long start, List<TestSpan> trace) {
		boolean declined = this.random.nextDouble() < 0.08;
		long paymentTime = latency(40_000);
		long stockTime = latency(5_000);
		long ordersTime = paymentTime + stockTime + latency(4_000);
		long clientTime = ordersTime + latency(500);
		TestSpan root = server(traceId, null, this.gateway, "POST", "/api/orders", start, clientTime + latency(300),
				"UNSET", declined ? 502 : 201);
		TestSpan client = client(traceId, root.spanId(), this.gateway, "POST /orders", this.orders, start + 100,
				clientTime, declined ? "ERROR" : "UNSET");
		TestSpan served = server(traceId, client.spanId(), this.orders, "POST", "/orders", start + 600, ordersTime,
				declined ? "ERROR" : "UNSET", declined ? 502 : 201);
		TestSpan charge = client(traceId, served.spanId(), this.orders, "POST /charges", this.payments, start + 900,
				paymentTime + latency(300), declined ? "ERROR" : "UNSET");
		TestSpan charged = server(traceId, charge.spanId(), this.payments, "POST", "/charges", start + 1_300,
				paymentTime, declined ? "ERROR" : "UNSET", declined ? 402 : 200);
		// Inventory is called from an internal span: the call is counted with the
		// callee's server span.
		TestSpan reserve = span(traceId, served.spanId(), this.orders, "reserve stock", "INTERNAL", start + 1_000,
				stockTime + latency(200), "UNSET", null, null, null, null);
		boolean stockError = this.random.nextDouble() < 0.04;
		TestSpan stock = server(traceId, reserve.spanId(), this.inventory, "PUT", "/stock/{sku}", start + 1_100,
				stockTime, "UNSET", stockError ? 503 : 200);
		trace.addAll(List.of(root, client, served, charge, charged, reserve, stock));
		this.calls.add(new Call(this.gateway, this.orders, client));
		this.calls.add(new Call(this.orders, this.payments, charge));
		this.calls.add(new Call(this.orders, this.inventory, stock));
		if (!declined) {
			TestSpan publish = span(traceId, served.spanId(), this.orders, "publish order-created", "PRODUCER",
					start + 1_500, latency(400), "UNSET", null, null, null, "kafka");
			TestSpan consume = span(traceId, publish.spanId(), this.notifications, "process order-created", "CONSUMER",
					start + 2_500 + this.random.nextInt(50_000), latency(15_000),
					(this.random.nextDouble() < 0.05) ? "ERROR" : "UNSET", null, null, null, null);
			trace.addAll(List.of(publish, consume));
			this.calls.add(new Call(this.orders, this.notifications, publish));
		}
	}

	/**
	 * A log-normal latency around {@code medianMicros} with a long tail, at least 50 µs
	 * and at most a minute; one in a hundred is 20 to 100 times slower.
	 */
	private long latency(long medianMicros) {
		double value = medianMicros * Math.exp(this.random.nextGaussian() * 0.9);
		if (this.random.nextDouble() < 0.01) {
			value *= 20 + this.random.nextInt(80);
		}
		return Math.max(50, Math.min(60_000_000, Math.round(value)));
	}

	private TestSpan server(String traceId, String parent, String service, String method, String route, long start,
			long duration, String status, Integer httpStatus) {
		return span(traceId, parent, service, method + " " + route, "SERVER", start, duration, status, method, route,
				httpStatus, null);
	}

	private TestSpan client(String traceId, String parent, String service, String name, String peer, long start,
			long duration, String status) {
		return span(traceId, parent, service, name, "CLIENT", start, duration, status, null, null, null, peer);
	}

	private TestSpan span(String traceId, String parent, String service, String name, String kind, long start,
			long duration, String status, String method, String route, Integer httpStatus, String peer) {
		return new TestSpan(traceId, hex(8), parent, service, this.environment, name, kind, start, duration, status,
				method, route, httpStatus, peer);
	}

	private String hex(int bytes) {
		byte[] id = new byte[bytes];
		this.random.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	/**
	 * A span as the Kafka JSON format carries it.
	 */
	record TestSpan(String traceId, String spanId, String parentSpanId, String service, String environment, String name,
			String kind, long startMicros, long durationMicros, String status, String httpMethod, String httpRoute,
			Integer httpStatusCode, String peerService) {

		/** The definition of a request: a SERVER or CONSUMER span. */
		boolean isRequest() {
			return this.kind.equals("SERVER") || this.kind.equals("CONSUMER");
		}

		/** The definition of an error: status ERROR, or UNSET with HTTP status ≥ 500. */
		boolean isError() {
			return this.status.equals("ERROR")
					|| (this.status.equals("UNSET") && this.httpStatusCode != null && this.httpStatusCode >= 500);
		}

		/** The endpoint ingest derives: method and route, else the name. */
		String endpoint() {
			return (this.httpMethod != null && this.httpRoute != null) ? this.httpMethod + " " + this.httpRoute
					: this.name;
		}

		/** The start in epoch milliseconds, as the span document's {@code @timestamp}. */
		long startMillis() {
			return Math.floorDiv(this.startMicros, 1000);
		}

		ObjectNode json() {
			ObjectNode json = JSON.createObjectNode();
			json.put("traceId", this.traceId);
			json.put("spanId", this.spanId);
			if (this.parentSpanId != null) {
				json.put("parentSpanId", this.parentSpanId);
			}
			json.put("name", this.name);
			json.put("kind", this.kind);
			json.put("serviceName", this.service);
			json.put("environment", this.environment);
			json.put("startTime", this.startMicros);
			json.put("durationMicros", this.durationMicros);
			json.putObject("status").put("code", this.status);
			if (this.httpMethod != null) {
				json.put("httpMethod", this.httpMethod);
				json.put("httpRoute", this.httpRoute);
			}
			if (this.httpStatusCode != null) {
				json.put("httpStatusCode", this.httpStatusCode);
			}
			if (this.peerService != null) {
				json.put("peerService", this.peerService);
			}
			return json;
		}

	}

	/**
	 * A call from one service to another, counted with one span.
	 */
	record Call(String caller, String callee, TestSpan counted) {
	}

}

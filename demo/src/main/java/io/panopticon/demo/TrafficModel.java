package io.panopticon.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanStatus;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.demo.Topology.Call;
import io.panopticon.demo.Topology.Endpoint;
import io.panopticon.demo.Topology.Entry;
import io.panopticon.demo.Topology.Failure;
import io.panopticon.demo.Topology.PeerOperation;

/**
 * Generates realistic traces of the simulated shop in {@link Topology}: each starts with
 * a SERVER span at {@code web-gateway}, every call between services is a CLIENT span in
 * the caller with the callee's SERVER span as its child, and calls to databases, caches,
 * Kafka and third-party APIs are CLIENT spans with a {@code peerService}. A trace has 5
 * to 20 spans.
 * <p>
 * Durations are log-normal around each operation's median; about one trace in a hundred
 * has a slow outlier (a dependency call of 0.6 to 3.6 s). About 1.6 % of the traces carry
 * a failure: a dependency call or a service fails, the failure is recorded with an
 * {@code exception} event, and it travels up the call chain (status ERROR and a 5xx
 * status at each service) until a caller that tolerates it (a fallback) or the gateway,
 * which answers 502, 503 or 504; about 1.5 % of the traces end in a gateway error. About
 * 0.6 % are refused with a 4xx status, which is not an error. Most traces are in
 * environment {@code prod}, 8 % in {@code staging}. The services write correlated log
 * events (access log, DEBUG details, INFO business events, WARN for refusals, fallbacks
 * and slow calls, ERROR for every failing span) carrying the trace and span ids.
 * <p>
 * The same seed and clock readings give the same traces. Each trace ends at the clock's
 * current instant. Not thread-safe.
 */
public final class TrafficModel {

	/** The fewest spans a trace has. */
	public static final int MIN_SPANS = 5;

	/** The most spans a trace has. */
	public static final int MAX_SPANS = 20;

	/** Share of traces in which something fails. */
	static final double FAULT_RATE = 0.016;

	/** Chance that one dependency call is a slow outlier. */
	static final double SLOW_CALL_RATE = 0.0026;

	static final double STAGING_RATE = 0.08;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final String[] USER_AGENTS = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
			"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
			"ShopApp/4.12.0 (Android 14; Pixel 8)", "ShopApp/4.12.1 (iOS 18.1; iPhone15,3)" };

	private static final String[] PROD_REGIONS = { "eu-west-1", "eu-west-1", "us-east-1", "us-east-1",
			"ap-southeast-1" };

	private static final String[] QUERIES = { "running shoes", "usb-c cable", "coffee grinder", "rain jacket",
			"standing desk", "noise cancelling headphones", "yoga mat", "cast iron pan" };

	private static final Map<String, String> VERSIONS = Map.of("web-gateway", "3.8.2", "orders", "2.41.0", "payments",
			"1.19.3", "inventory", "5.2.1", "users", "2.7.0", "search", "1.33.4", "cart", "1.12.0", "shipping",
			"0.98.1", "notifications", "1.4.6", "recommendations", "0.23.0");

	private static final Map<String, List<String>> PROD_HOSTS = hosts(3, "");

	private static final Map<String, List<String>> STAGING_HOSTS = hosts(1, "stg-");

	private final SplittableRandom random;

	private final Clock clock;

	private final int totalWeight;

	/**
	 * Creates a model.
	 * @param seed the seed: equal seeds (and equal clock readings) give equal traces
	 * @param clock the clock whose current instant each trace ends at
	 */
	public TrafficModel(long seed, Clock clock) {
		this.random = new SplittableRandom(seed);
		this.clock = clock;
		this.totalWeight = Topology.ENTRIES.stream().mapToInt(Entry::weight).sum();
	}

	/**
	 * Generates the next trace, ending now.
	 * @return the trace
	 */
	public Trace next() {
		return new TraceBuilder(pickEntry()).build(epochMicros(this.clock.instant()));
	}

	private Endpoint pickEntry() {
		int pick = this.random.nextInt(this.totalWeight);
		for (Entry entry : Topology.ENTRIES) {
			pick -= entry.weight();
			if (pick < 0) {
				return entry.endpoint();
			}
		}
		throw new IllegalStateException("weights changed");
	}

	private static long epochMicros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private boolean chance(double probability) {
		return probability >= 1.0 || this.random.nextDouble() < probability;
	}

	private <T> T pick(List<T> items) {
		return items.get(this.random.nextInt(items.size()));
	}

	private <T> T pick(T[] items) {
		return items[this.random.nextInt(items.length)];
	}

	/** A log-normal duration around the median, at least one microsecond. */
	private long logNormal(double medianMicros, double sigma) {
		return Math.max(1, Math.round(medianMicros * Math.exp(sigma * this.random.nextGaussian())));
	}

	private String spanId() {
		long value;
		do {
			value = this.random.nextLong();
		}
		while (value == 0);
		return hex(value);
	}

	static String hex(long value) {
		char[] chars = new char[16];
		for (int i = 15; i >= 0; i--) {
			chars[i] = HEX[(int) (value & 0xf)];
			value >>>= 4;
		}
		return new String(chars);
	}

	private static Map<String, List<String>> hosts(int perService, String infix) {
		Map<String, List<String>> hosts = new HashMap<>();
		for (String service : Topology.SERVICES) {
			// Kubernetes-style pod names, stable across runs: String.hashCode is
			// specified.
			SplittableRandom names = new SplittableRandom(service.hashCode());
			String replicaSet = hex(names.nextLong()).substring(0, 9);
			List<String> pods = new ArrayList<>();
			for (int i = 0; i < perService; i++) {
				pods.add(service + "-" + infix + replicaSet + "-" + hex(names.nextLong()).substring(0, 5));
			}
			hosts.put(service, List.copyOf(pods));
		}
		return Map.copyOf(hosts);
	}

	/**
	 * One span while the trace is put together; times are relative to the trace start.
	 */
	private static final class Node {

		final SpanKind kind;

		/** The service that records the span. */
		final String service;

		/** For a SERVER span its endpoint; for a CLIENT span to a service, the callee. */
		final Endpoint endpoint;

		/** For a CLIENT span to a dependency, the operation; else {@code null}. */
		final PeerOperation peer;

		final Node parent;

		/** Whether the parent carries on when this call fails. */
		final boolean tolerated;

		final String spanId;

		final List<Node> children = new ArrayList<>();

		long start;

		long duration;

		/** The HTTP status, or 0 for none. */
		int httpStatus;

		StatusCode status = StatusCode.UNSET;

		String statusMessage;

		/** The exception recorded as an event, or {@code null}. */
		Failure exception;

		boolean failed;

		boolean timedOut;

		boolean slow;

		boolean refused;

		Node(SpanKind kind, String service, Endpoint endpoint, PeerOperation peer, Node parent, boolean tolerated,
				String spanId) {
			this.kind = kind;
			this.service = service;
			this.endpoint = endpoint;
			this.peer = peer;
			this.parent = parent;
			this.tolerated = tolerated;
			this.spanId = spanId;
			if (endpoint != null) {
				this.httpStatus = endpoint.okStatus();
			}
			else if (peer.httpMethod() != null) {
				this.httpStatus = 200;
			}
		}

		boolean isServer() {
			return this.kind == SpanKind.SERVER;
		}

		boolean isServiceClient() {
			return this.kind == SpanKind.CLIENT && this.endpoint != null;
		}

		long end() {
			return this.start + this.duration;
		}

	}

	/** Builds one trace. */
	private final class TraceBuilder {

		private final Endpoint entry;

		private final String traceId;

		private final String environment;

		private final String region;

		private final String userAgent;

		private final Map<String, String> parameters = new HashMap<>();

		private final Map<String, String> hostOfService = new HashMap<>();

		private final List<Node> nodes = new ArrayList<>();

		private final List<LogEvent> logs = new ArrayList<>();

		private long offset;

		TraceBuilder(Endpoint entry) {
			this.entry = entry;
			this.traceId = spanId() + spanId();
			boolean staging = chance(STAGING_RATE);
			this.environment = staging ? "staging" : "prod";
			this.region = staging ? "eu-west-1" : pick(PROD_REGIONS);
			this.userAgent = pick(USER_AGENTS);
		}

		Trace build(long endMicros) {
			Node root = server(this.entry, null);
			if (chance(FAULT_RATE)) {
				fail(pickFailurePoint());
			}
			else {
				refuseSomewhere();
			}
			layout(root, 0);
			this.offset = endMicros - root.duration;
			List<Span> spans = new ArrayList<>(this.nodes.size());
			for (Node node : this.nodes) {
				spans.add(span(node));
				log(node);
			}
			this.logs.sort(Comparator.comparingLong(LogEvent::timestampMicros));
			return new Trace(this.traceId, spans, this.logs);
		}

		// Structure

		private Node server(Endpoint endpoint, Node caller) {
			Node server = add(new Node(SpanKind.SERVER, endpoint.service(), endpoint, null, caller, false, spanId()));
			for (Call call : endpoint.calls()) {
				if (!chance(call.probability())) {
					continue;
				}
				if (call.target() instanceof Endpoint callee) {
					Node client = add(new Node(SpanKind.CLIENT, endpoint.service(), callee, null, server,
							call.tolerated(), spanId()));
					server.children.add(client);
					client.children.add(server(callee, client));
				}
				else if (call.target() instanceof PeerOperation operation) {
					server.children.add(add(new Node(SpanKind.CLIENT, endpoint.service(), null, operation, server,
							call.tolerated(), spanId())));
				}
			}
			return server;
		}

		private Node add(Node node) {
			this.nodes.add(node);
			return node;
		}

		// Failures

		/** Any span that can fail by itself: a SERVER span or a call to a dependency. */
		private Node pickFailurePoint() {
			List<Node> candidates = new ArrayList<>();
			for (Node node : this.nodes) {
				if (!node.isServiceClient()) {
					candidates.add(node);
				}
			}
			return pick(candidates);
		}

		private void fail(Node origin) {
			Failure failure = (origin.peer != null) ? pick(origin.peer.peer().failures())
					: pick(Topology.SERVICE_FAILURES);
			origin.failed = true;
			origin.timedOut = failure.timeout();
			origin.status = StatusCode.ERROR;
			origin.statusMessage = failure.message();
			origin.exception = failure;
			origin.httpStatus = (failure.httpStatus() != null) ? failure.httpStatus() : 0;
			boolean timeout = failure.timeout();
			Node child = origin;
			while (child.parent != null) {
				Node parent = child.parent;
				if (parent.isServiceClient()) {
					// The callee answered with a 5xx: the caller's HTTP client throws.
					Failure answer = httpError(child.httpStatus, parent);
					parent.failed = true;
					parent.status = StatusCode.ERROR;
					parent.statusMessage = answer.message();
					parent.exception = answer;
					parent.httpStatus = child.httpStatus;
				}
				else if (child.tolerated) {
					// A fallback: the caller logs a warning and carries on.
					return;
				}
				else if (parent.parent == null) {
					// The gateway's instrumentation records only the HTTP status it
					// answers:
					// 503 when its own dependency failed, else 502 or 504 for the
					// backend.
					parent.failed = true;
					parent.httpStatus = (child.peer != null) ? 503 : (timeout ? 504 : 502);
					return;
				}
				else {
					parent.failed = true;
					parent.status = StatusCode.ERROR;
					parent.statusMessage = child.exception.message();
					parent.exception = child.exception;
					parent.httpStatus = 500;
				}
				child = parent;
			}
		}

		private Failure httpError(int status, Node client) {
			String reason = switch (status) {
				case 503 -> "ServiceUnavailable";
				case 504 -> "GatewayTimeout";
				default -> "InternalServerError";
			};
			String text = switch (status) {
				case 503 -> "503 Service Unavailable";
				case 504 -> "504 Gateway Timeout";
				default -> status + " Internal Server Error";
			};
			return new Failure("org.springframework.web.client.HttpServerErrorException$" + reason,
					text + " on " + client.endpoint.method() + " request for \"" + url(client) + "\"", status, false);
		}

		/** At most one service refuses the request with a 4xx; the callers pass it on. */
		private void refuseSomewhere() {
			for (Node node : this.nodes) {
				if (node.isServer() && node.endpoint.clientErrorRate() > 0 && chance(node.endpoint.clientErrorRate())) {
					node.refused = true;
					int status = node.endpoint.clientErrorStatus();
					Node child = node;
					child.httpStatus = status;
					while (child.parent != null && !(child.parent.isServer() && child.tolerated)) {
						child = child.parent;
						child.httpStatus = status;
					}
					return;
				}
			}
		}

		// Timing

		/** Places the node and its subtree; returns the node's duration. */
		private long layout(Node node, long start) {
			node.start = start;
			if (node.peer != null) {
				node.duration = peerDuration(node);
			}
			else if (node.isServiceClient()) {
				long out = logNormal(350, 0.4);
				long server = layout(node.children.get(0), start + out);
				node.duration = out + server + logNormal(350, 0.4);
			}
			else {
				long self = node.endpoint.selfMicros();
				long cursor = start + logNormal(self * 0.6, 0.5);
				for (Node child : node.children) {
					cursor += 20 + random.nextInt(130);
					cursor += layout(child, cursor);
				}
				node.duration = cursor + logNormal(self * 0.4, 0.5) - start;
			}
			return node.duration;
		}

		private long peerDuration(Node node) {
			PeerOperation operation = node.peer;
			if (node.timedOut) {
				return operation.peer().timeoutMicros() + random.nextInt(2_000);
			}
			long duration = logNormal(operation.medianMicros(), operation.sigma());
			if (node.failed) {
				return Math.max(1, duration / 3);
			}
			if (chance(SLOW_CALL_RATE)) {
				node.slow = true;
				return duration + 600_000 + random.nextInt(3_000_000);
			}
			return duration;
		}

		// Output

		private Span span(Node node) {
			Span.Builder span = Span.builder()
				.traceId(this.traceId)
				.spanId(node.spanId)
				.parentSpanId((node.parent != null) ? node.parent.spanId : null)
				.kind(node.kind)
				.serviceName(node.service)
				.environment(this.environment)
				.startTimeMicros(this.offset + node.start)
				.durationMicros(node.duration)
				.status(new SpanStatus(node.status, node.statusMessage))
				.httpStatusCode((node.httpStatus != 0) ? node.httpStatus : null)
				.putAttribute("region", this.region);
			if (node.peer != null) {
				PeerOperation operation = node.peer;
				span.name(operation.name())
					.httpMethod(operation.httpMethod())
					.httpRoute(operation.httpRoute())
					.peerService(operation.peer().name());
				operation.attributes().forEach((key, value) -> span.putAttribute(key, expand(value)));
			}
			else if (node.isServiceClient()) {
				span.name(node.endpoint.name())
					.httpMethod(node.endpoint.method())
					.httpRoute(node.endpoint.route())
					.peerService(node.endpoint.service())
					.putAttribute("http.url", url(node));
			}
			else {
				span.name(node.endpoint.name())
					.httpMethod(node.endpoint.method())
					.httpRoute(node.endpoint.route())
					.putAttribute("http.target", expand(node.endpoint.route()));
				if (node.parent == null) {
					span.putAttribute("http.user_agent", this.userAgent);
				}
			}
			if (node.exception != null) {
				Map<String, Object> attributes = new LinkedHashMap<>();
				attributes.put("exception.type", node.exception.exceptionType());
				attributes.put("exception.message", node.exception.message());
				span.addEvent(new SpanEvent(this.offset + node.end(), "exception", attributes));
			}
			span.putResource("host.name", host(node.service));
			span.putResource("service.version", VERSIONS.get(node.service));
			return span.build();
		}

		private void log(Node node) {
			long start = this.offset + node.start;
			long end = this.offset + node.end();
			if (node.parent == null) {
				long millis = Math.round(node.duration / 1000.0);
				String line = node.endpoint.method() + " " + expand(node.endpoint.route()) + " " + node.httpStatus + " "
						+ millis + " ms";
				if (node.exception != null) {
					logException(node, end);
				}
				log(node, end, (node.httpStatus >= 500) ? LogLevel.ERROR : LogLevel.INFO, line,
						Map.of("http.status_code", node.httpStatus, "duration_ms", millis));
			}
			else if (node.isServer()) {
				if (chance(0.25)) {
					log(node, start + 1, LogLevel.DEBUG,
							"handling " + node.endpoint.method() + " " + expand(node.endpoint.route()), Map.of());
				}
				if (node.exception != null) {
					logException(node, end);
				}
				else if (node.refused) {
					log(node, end, LogLevel.WARN, expand(node.endpoint.clientErrorLog()),
							Map.of("http.status_code", node.httpStatus));
				}
				else if (node.endpoint.infoLog() != null && node.httpStatus < 400) {
					log(node, end, LogLevel.INFO, expand(node.endpoint.infoLog()), Map.of());
				}
			}
			else {
				String target = (node.peer != null) ? node.peer.peer().name() : node.endpoint.service();
				String operation = (node.peer != null) ? node.peer.name() : node.endpoint.name();
				if (node.failed && node.tolerated) {
					log(node, end, LogLevel.WARN,
							"call to " + target + " failed, continuing without it: "
									+ simpleName(node.exception.exceptionType()) + ": " + node.exception.message(),
							Map.of());
				}
				if (node.slow) {
					log(node, end, LogLevel.WARN,
							"slow call to " + target + ": " + operation + " took " + node.duration / 1000 + " ms",
							Map.of("duration_ms", node.duration / 1000));
				}
				if (node.peer != null && node.peer.peer() == Topology.REDIS && !node.failed && chance(0.2)) {
					log(node, end, LogLevel.DEBUG, "cache " + (chance(0.8) ? "hit" : "miss") + " ("
							+ expand(node.peer.attributes().get("db.statement")) + ")", Map.of());
				}
			}
		}

		private void logException(Node node, long time) {
			Failure exception = node.exception;
			log(node, time, LogLevel.ERROR,
					node.endpoint.name() + " failed: " + simpleName(exception.exceptionType()) + ": "
							+ exception.message(),
					Map.of("exception.type", exception.exceptionType(), "exception.message", exception.message()));
		}

		private void log(Node node, long time, LogLevel level, String message, Map<String, Object> attributes) {
			this.logs.add(new LogEvent(time, node.service, this.environment, level, message, this.traceId, node.spanId,
					attributes));
		}

		private String url(Node client) {
			return "http://" + client.endpoint.service() + ":8080" + expand(client.endpoint.route());
		}

		private String host(String service) {
			return this.hostOfService.computeIfAbsent(service,
					(name) -> pick(("staging".equals(this.environment) ? STAGING_HOSTS : PROD_HOSTS).get(name)));
		}

		/** Replaces each {@code {name}} with this trace's value for it. */
		private String expand(String template) {
			int open = template.indexOf('{');
			if (open < 0) {
				return template;
			}
			StringBuilder out = new StringBuilder(template.length() + 16);
			int from = 0;
			while (open >= 0) {
				int close = template.indexOf('}', open);
				out.append(template, from, open);
				out.append(this.parameters.computeIfAbsent(template.substring(open + 1, close), this::value));
				from = close + 1;
				open = template.indexOf('{', from);
			}
			return out.append(template, from, template.length()).toString();
		}

		private String value(String name) {
			return switch (name) {
				case "userId" -> "u-" + (100_000 + random.nextInt(50_000));
				case "orderId" -> Integer.toString(4_000_000 + random.nextInt(1_000_000));
				case "productId" -> Integer.toString(10_000 + random.nextInt(20_000));
				case "sku" -> "SKU-" + (10_000 + random.nextInt(90_000));
				case "paymentId" -> "pi_" + hex(random.nextLong()).substring(0, 12);
				case "shipmentId" -> "SH" + (100_000_000 + random.nextInt(900_000_000));
				case "reservationId" -> "r-" + (1_000_000 + random.nextInt(9_000_000));
				case "session" -> hex(random.nextLong());
				case "query" -> pick(QUERIES).replace(' ', '+');
				case "template" -> "order-cancelled";
				default -> Integer.toString(random.nextInt(1_000_000));
			};
		}

	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}

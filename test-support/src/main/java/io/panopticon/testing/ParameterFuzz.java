package io.panopticon.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the query parameters of a running service's GET endpoints, as the receivers'
 * fuzz test does their bodies: thousands of generated parameter sets, each parameter
 * valid, at a boundary, or hostile (huge and negative numbers, times far in the past and
 * future, long strings, wildcard and regular-expression metacharacters, unicode and
 * control characters, encoded slashes, forged cursors), sometimes repeated, sometimes
 * with a token missing or an {@code Origin} that is no origin. Every answer must be one a
 * careful service gives: no 5xx, no request left hanging past the client's timeout, JSON
 * for a success, and an RFC 9457 problem for every 4xx, a 400 naming one of the
 * endpoint's parameters.
 * <p>
 * Each request is generated from {@code seed + i}, so a failure names the seed that
 * repeats it ({@code -Dpanopticon.fuzz.seed}).
 */
public final class ParameterFuzz {

	/**
	 * Values at a boundary or beyond, and text that breaks naive parsers and query
	 * builders; each parameter gets these as well as its valid values.
	 */
	public static final List<String> HOSTILE = List.of("", " ", "0", "-1", "1", "2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775000", "-9223372036854775808", "9223372036854775808",
			"99999999999999999999999999", "1e309", "-0", "0x10", "NaN", "Infinity", "1.5", "1,2", "true", "null",
			"2300-01-01T00:00:00Z", "1600-01-01T00:00:00Z", "1677-09-21T00:12:43Z", "2262-04-11T23:47:17Z",
			"1678-01-01T00:00:00Z", "2262-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
			"1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-22T03:00:00", "2026-11-22", "yesterday", "15m",
			"7d", "2w", "0m", "999999999d", "x".repeat(101), "x".repeat(400), "\u00e9".repeat(101), "*".repeat(300),
			"?".repeat(300), "a*b?c\\", "[a-z]+", ".*.*.*.*.*.*", "(a|aa)*$", "\\", "\"", "'", "{", "}", "[", "]", "%",
			"%25", "a/b", "../../etc/passwd", "..%2F..", "/", "//", "a,b,,c", ",", ";", "<script>", "${jndi:x}",
			"\u0000", "\u0001\u007f", "\t\n", "\uFFFF", "\uD83D\uDE00", "\u0130\u0131\uFB00", "\u202Eabc",
			"\u0663\u0664", "\uFF11\uFF12", "ERROR", "error", "SERVER", "asc", "DESC", "UNSET", "name",
			"GET /orders/{id}", "GET%20%2Forders", "http.route:", ":", "key:value:with:colons", "x".repeat(9000));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How the shared HTTP edge describes a request it refuses before any handler. */
	private static final String MALFORMED = "the request is malformed";

	/**
	 * {@code application/json}, or a vendor type such as Actuator's {@code +json} ones.
	 */
	private static final Pattern JSON_TYPE = Pattern.compile("application/(json|[\\w.+-]+\\+json)\\b");

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

	private final String base;

	private final List<Endpoint> endpoints;

	private final Map<String, List<String>> valid;

	private final List<String> tokens;

	private final Duration timeout;

	private ParameterFuzz(Builder builder) {
		this.base = builder.base;
		this.endpoints = List.copyOf(builder.endpoints);
		this.valid = Map.copyOf(builder.valid);
		this.tokens = List.copyOf(builder.tokens);
		this.timeout = builder.timeout;
	}

	/**
	 * Starts a fuzz run's description.
	 * @param base the service's base URL, such as {@code http://127.0.0.1:41001}
	 * @return the builder
	 */
	public static Builder against(String base) {
		return new Builder(base);
	}

	/**
	 * Sends the requests and checks every answer.
	 * @param requests how many parameter sets
	 * @param threads how many requests at a time
	 * @param seed the seed; request {@code i} is generated from {@code seed + i}
	 * @param budget stop sending new requests after this long, so that a slow machine
	 * keeps the run short; the report says how many were sent
	 * @return what came back
	 */
	public Report run(int requests, int threads, long seed, Duration budget) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Map<Integer, AtomicInteger> statuses = Collections.synchronizedMap(new TreeMap<>());
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger sent = new AtomicInteger();
		Map<String, long[]> timeByPath = Collections.synchronizedMap(new TreeMap<>());
		long deadline = System.nanoTime() + budget.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int i = 0; i < requests; i++) {
				long requestSeed = seed + i;
				pool.execute(() -> {
					if (System.nanoTime() > deadline) {
						return;
					}
					sent.incrementAndGet();
					Generated request = generate(new Random(requestSeed));
					long started = System.nanoTime();
					String failure = check(http, request);
					long millis = (System.nanoTime() - started) / 1_000_000;
					long[] time = timeByPath.computeIfAbsent(request.endpoint(), (path) -> new long[3]);
					synchronized (time) {
						time[0]++;
						time[1] += millis;
						time[2] = Math.max(time[2], millis);
					}
					if (failure != null) {
						failures.add("seed " + requestSeed + ": GET " + abbreviate(request.uri()) + " → " + failure);
					}
					statuses.computeIfAbsent(request.status[0], (status) -> new AtomicInteger()).incrementAndGet();
				});
			}
			pool.shutdown();
			if (!pool.awaitTermination(budget.toSeconds() + 120, TimeUnit.SECONDS)) {
				failures.add("the requests did not finish within the budget plus two minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
		Map<Integer, Integer> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.get()));
		Map<String, String> times = new TreeMap<>();
		timeByPath.forEach((path, time) -> times.put(path,
				time[0] + " requests, mean " + (time[1] / time[0]) + " ms, slowest " + time[2] + " ms"));
		return new Report(sent.get(), counts, List.copyOf(failures), times);
	}

	Generated generate(Random random) {
		if (random.nextInt(100) == 0) {
			// The error page itself, which once answered {"status":999}.
			return new Generated("/error", this.base + "/error", this.tokens.get(0), null, Set.of());
		}
		Endpoint endpoint = this.endpoints.get(random.nextInt(this.endpoints.size()));
		Matcher variables = PATH_VARIABLE.matcher(endpoint.path());
		StringBuilder path = new StringBuilder();
		Set<String> names = new LinkedHashSet<>(endpoint.parameters());
		while (variables.find()) {
			names.add(variables.group(1));
			String value = value(random, variables.group(1), 3);
			variables.appendReplacement(path, Matcher.quoteReplacement(encodeSegment(value.isEmpty() ? "x" : value)));
		}
		variables.appendTail(path);
		List<String> query = new ArrayList<>();
		for (String parameter : endpoint.parameters()) {
			if (random.nextInt(3) != 0) {
				continue;
			}
			int times = (random.nextInt(12) == 0) ? 2 + random.nextInt(2) : 1;
			for (int t = 0; t < times; t++) {
				query.add(encode(parameter) + "=" + encode(value(random, parameter, 2)));
			}
		}
		if (random.nextInt(20) == 0) {
			query.add(encode(HOSTILE.get(random.nextInt(HOSTILE.size()))) + "=1");
		}
		Collections.shuffle(query, random);
		String uri = this.base + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
		String token = (random.nextInt(25) == 0) ? null : this.tokens.get(random.nextInt(this.tokens.size()));
		String origin = switch (random.nextInt(40)) {
			case 0 -> "http://a:b";
			case 1 -> "http://evil.test";
			case 2 -> "null";
			default -> null;
		};
		return new Generated(endpoint.path(), uri, token, origin, names);
	}

	/** A valid value one time in {@code validOdds}, else a hostile one. */
	private String value(Random random, String parameter, int validOdds) {
		List<String> validValues = this.valid.getOrDefault(parameter, List.of());
		if (!validValues.isEmpty() && random.nextInt(validOdds) != 0) {
			return validValues.get(random.nextInt(validValues.size()));
		}
		String hostile = HOSTILE.get(random.nextInt(HOSTILE.size()));
		if (!validValues.isEmpty() && random.nextInt(4) == 0) {
			// A valid value, damaged: one character changed, cut short, or doubled.
			String base = validValues.get(random.nextInt(validValues.size()));
			if (base.isEmpty()) {
				return hostile;
			}
			int at = random.nextInt(base.length());
			return switch (random.nextInt(3)) {
				case 0 -> base.substring(0, at) + (char) ('!' + random.nextInt(90)) + base.substring(at + 1);
				case 1 -> base.substring(0, at);
				default -> base + base;
			};
		}
		return hostile;
	}

	private String check(HttpClient http, Generated request) {
		HttpRequest.Builder builder;
		try {
			builder = HttpRequest.newBuilder(URI.create(request.uri())).timeout(this.timeout).GET();
		}
		catch (IllegalArgumentException ex) {
			request.status[0] = 0;
			return "the test built a URI that is no URI: " + ex.getMessage();
		}
		if (request.token() != null) {
			builder.header("Authorization", "Bearer " + request.token());
		}
		if (request.origin() != null) {
			builder.header("Origin", request.origin());
		}
		HttpResponse<String> response;
		try {
			response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			request.status[0] = -1;
			return "no answer within " + this.timeout + " (hung)";
		}
		catch (IOException ex) {
			request.status[0] = -2;
			return "connection failed: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		int status = response.statusCode();
		request.status[0] = status;
		String type = response.headers().firstValue("Content-Type").orElse("");
		String body = response.body();
		if (status >= 500) {
			return status + " " + abbreviate(body);
		}
		if (status >= 200 && status < 300) {
			return JSON_TYPE.matcher(type).lookingAt() ? null : "a success that is not JSON: " + type;
		}
		if (status < 400) {
			return "unexpected " + status;
		}
		if (!type.startsWith("application/problem+json")) {
			return status + " that is not a problem (" + type + "): " + abbreviate(body);
		}
		JsonNode problem;
		try {
			problem = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return status + " whose problem is not JSON: " + abbreviate(body);
		}
		if (problem.path("status").asInt() != status) {
			return status + " whose problem says status " + problem.path("status");
		}
		if (status == 400 && !problem.has("invalid-params")
				&& problem.path("detail").asString("").startsWith(MALFORMED)) {
			// The edge's answer to a request line that is too long, or a path the
			// firewall refuses (an encoded backslash, semicolon or percent sign): no
			// parameter was read.
			return null;
		}
		if (status == 400) {
			String named = problem.at("/invalid-params/0/name").asString("");
			if (!request.names().contains(named)) {
				return "400 naming '" + named + "', not one of " + request.names() + ": " + abbreviate(body);
			}
		}
		return null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String encodeSegment(String value) {
		return encode(value).replace("+", "%20");
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	/**
	 * One GET endpoint and the query parameters it reads.
	 *
	 * @param path the path, path variables in braces: {@code /api/traces/{traceId}}
	 * @param parameters the names of its query parameters
	 */
	public record Endpoint(String path, List<String> parameters) {

		/**
		 * @param path the path, path variables in braces
		 * @param parameters the names of its query parameters
		 * @return the endpoint
		 */
		public static Endpoint of(String path, String... parameters) {
			return new Endpoint(path, List.of(parameters));
		}

	}

	/**
	 * A generated request; {@code status} is filled in when it was answered.
	 */
	record Generated(String endpoint, String uri, String token, String origin, Set<String> names, int[] status) {

		Generated(String endpoint, String uri, String token, String origin, Set<String> names) {
			this(endpoint, uri, token, origin, names, new int[1]);
		}

	}

	/**
	 * What a run found.
	 *
	 * @param sent how many requests were sent
	 * @param statuses how many answers each status had (-1: hung, -2: no connection)
	 * @param failures each answer a careful service would not give, with the seed that
	 * repeats it
	 * @param times how many requests each endpoint had and how long they took
	 */
	public record Report(int sent, Map<Integer, Integer> statuses, List<String> failures, Map<String, String> times) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(
					this.sent + " requests, statuses " + this.statuses + ", " + this.failures.size() + " failures");
			this.times.forEach((path, time) -> text.append("\n  ").append(path).append(": ").append(time));
			return text.toString();
		}

	}

	/** Describes a fuzz run. */
	public static final class Builder {

		private final String base;

		private final List<Endpoint> endpoints = new ArrayList<>();

		private final Map<String, List<String>> valid = new LinkedHashMap<>();

		private final List<String> tokens = new ArrayList<>();

		private Duration timeout = Duration.ofSeconds(30);

		private Builder(String base) {
			this.base = base;
		}

		/**
		 * Adds endpoints.
		 * @param endpoints the endpoints
		 * @return this builder
		 */
		public Builder endpoints(Endpoint... endpoints) {
			this.endpoints.addAll(List.of(endpoints));
			return this;
		}

		/**
		 * Gives a parameter (or path variable) its valid values; the others get only
		 * hostile ones.
		 * @param parameter the name
		 * @param values valid values
		 * @return this builder
		 */
		public Builder valid(String parameter, List<String> values) {
			this.valid.computeIfAbsent(parameter, (name) -> new ArrayList<>()).addAll(values);
			return this;
		}

		/**
		 * Adds a token requests carry; some requests carry none.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			this.tokens.add(token);
			return this;
		}

		/**
		 * Sets how long a request may take before it counts as hung.
		 * @param timeout the client's timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * @return the fuzz run
		 */
		public ParameterFuzz build() {
			if (this.endpoints.isEmpty() || this.tokens.isEmpty()) {
				throw new IllegalStateException("a fuzz run needs endpoints and a token");
			}
			return new ParameterFuzz(this);
		}

	}

}

package io.panopticon.common.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared HTTP edge as a browser or a careless client meets it, on a real Tomcat: no
 * error is HTML or a 500, CORS answers from {@code panopticon.security.allowed-origins},
 * and an encoded slash reaches the controller.
 */
@SpringBootTest(classes = WebEdgeTest.EdgeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"panopticon.security.allowed-origins=http://localhost:3000,https://*.example.com",
		"spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
				+ "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration" })
class WebEdgeTest {

	private static final KeyPair KEYS = keys();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void publicKey(DynamicPropertyRegistry registry) {
		registry.add("panopticon.jwt.public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
	}

	@Test
	void errorCalledDirectlyIsANotFoundProblem() throws IOException {
		Answer answer = send("GET /error", Map.of());
		assertProblem(answer, 404);
		assertThat(answer.body()).doesNotContain("999");
		assertProblem(send("POST /error", Map.of("Content-Length", "0")), 404);
	}

	@Test
	void errorsAreProblemsEvenForABrowserAskingForHtml() throws IOException {
		Map<String, String> browser = Map.of("Accept", "text/html", "Authorization", "Bearer " + viewer());
		// Unknown path (Spring MVC), a path the security firewall rejects (error
		// dispatch),
		// a path Tomcat rejects before any servlet runs, and an unexpected failure.
		assertProblem(send("GET /api/nothing-here", browser), 404);
		assertProblem(send("GET /api//things", browser), 400);
		assertProblem(send("GET /api/things/a%zz", browser), 400);
		assertProblem(send("GET /api/things/a|b", browser), 400);
		assertProblem(send("GET /api/things/x", Map.of("Accept", "text/html", "Bad Header", "x")), 400);
		assertProblem(send("GET /api/boom", browser), 500);
	}

	@Test
	void aQueryStringPartWithoutANameIsAMalformedRequestNotAFailure() throws IOException {
		Map<String, String> viewer = Map.of("Authorization", "Bearer " + viewer());
		Answer answer = send("GET /api/search?=1&q=a", viewer);
		assertProblem(answer, 400);
		assertThat(answer.body()).contains("query string");
		assertThat(send("GET /api/search?q=a", viewer).body()).isEqualTo("a");
		// A name the firewall refuses only when it is read.
		assertProblem(send("GET /api/search?%09%0A=1", viewer), 400);
	}

	@Test
	void anEncodedSlashStaysInsideItsPathSegment() throws IOException {
		Answer answer = send("GET /api/things/GET%20%2Fapi%2Forders", Map.of("Authorization", "Bearer " + viewer()));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("GET /api/orders");
	}

	@Test
	void anEncodedSlashOpensNoWayAroundTheRules() throws IOException {
		Map<String, String> viewer = Map.of("Authorization", "Bearer " + viewer());
		assertProblem(send("GET /api/admin/things", viewer), 403);
		for (String path : new String[] { "/api%2Fadmin%2Fthings", "/api/admin%2Fthings",
				"/api/things/..%2Fadmin%2Fthings", "/api/things/x/..%2F..%2Fadmin%2Fthings" }) {
			assertThat(send("GET " + path, viewer).body()).as(path).doesNotContain("admin only");
		}
		// A segment with encoded slashes is a value, even one that looks like a way up.
		assertThat(send("GET /api/things/..%2Fadmin%2Fthings", viewer).body()).isEqualTo("../admin/things");
	}

	@Test
	void anOriginThatIsNoOriginIsForbidden() throws IOException {
		assertProblem(send("GET /api/things/x", Map.of("Origin", "http://a:b", "Authorization", "Bearer " + viewer())),
				403);
		assertProblem(
				send("OPTIONS /api/things/x", Map.of("Origin", "http://a:b", "Access-Control-Request-Method", "GET")),
				403);
		assertProblem(send("GET /error", Map.of("Origin", "http://a:b")), 403);
		// Origins proper pass this check: the same origin on to authentication, "null"
		// (a sandboxed page) on to CORS, which refuses it.
		assertProblem(send("GET /api/things/x", Map.of("Origin", "http://127.0.0.1:" + this.port)), 401);
		Answer sandboxed = send("GET /api/things/x", Map.of("Origin", "null"));
		assertProblem(sandboxed, 403);
		assertThat(sandboxed.body()).contains("allowed-origins");
	}

	@Test
	void aPreflightFromAnAllowedOriginNeedsNoToken() throws IOException {
		for (String origin : new String[] { "http://localhost:3000", "https://dash.example.com" }) {
			Answer answer = send("OPTIONS /api/things/x", Map.of("Origin", origin, "Access-Control-Request-Method",
					"POST", "Access-Control-Request-Headers", "authorization,content-type"));
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.header("access-control-allow-origin")).isEqualTo(origin);
			assertThat(answer.header("access-control-allow-headers").toLowerCase(Locale.ROOT)).contains("authorization")
				.contains("content-type");
			assertThat(answer.header("access-control-allow-methods")).contains("POST");
		}
	}

	@Test
	void otherOriginsAreRefusedWithAProblem() throws IOException {
		assertProblem(send("OPTIONS /api/things/x",
				Map.of("Origin", "http://evil.test", "Access-Control-Request-Method", "GET")), 403);
		assertProblem(
				send("GET /api/things/x", Map.of("Origin", "http://evil.test", "Authorization", "Bearer " + viewer())),
				403);
	}

	@Test
	void actualRequestsFromAnAllowedOriginCarryTheCorsHeaderEvenWhenRefused() throws IOException {
		Answer allowed = send("GET /api/things/x",
				Map.of("Origin", "http://localhost:3000", "Authorization", "Bearer " + viewer()));
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("access-control-allow-origin")).isEqualTo("http://localhost:3000");
		Answer noToken = send("GET /api/things/x", Map.of("Origin", "http://localhost:3000"));
		assertProblem(noToken, 401);
		assertThat(noToken.header("access-control-allow-origin")).isEqualTo("http://localhost:3000");
	}

	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("content-type")).as(answer.body()).startsWith("application/problem+json");
		assertThat(answer.body()).doesNotContainIgnoringCase("<html");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private static String viewer() {
		return Jwts.builder()
			.issuer("panopticon")
			.subject("edge")
			.issuedAt(Date.from(Instant.now()))
			.claim("role", "viewer")
			.expiration(Date.from(Instant.now().plusSeconds(600)))
			.signWith(KEYS.getPrivate())
			.compact();
	}

	/**
	 * Sends one request as written, over a socket of its own, so that nothing rewrites
	 * the path or refuses a header on the client side.
	 */
	private Answer send(String requestLine, Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
			request.append("Host: 127.0.0.1:").append(this.port).append("\r\nConnection: close\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Answer.parse(socket.getInputStream());
		}
	}

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name, "");
		}

		static Answer parse(InputStream in) throws IOException {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			String body = text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = unchunk(body);
			}
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

		private static String unchunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThingsController.class)
	static class EdgeApplication {

	}

	@RestController
	static class ThingsController {

		@GetMapping("/api/things/{name}")
		String thing(@PathVariable String name) {
			return name;
		}

		@GetMapping("/api/search")
		String search(@RequestParam Map<String, String> parameters) {
			// Reads every name, as Actuator's endpoints do.
			return String.valueOf(parameters.get("q"));
		}

		@GetMapping("/api/admin/things")
		String adminThings() {
			return "admin only";
		}

		@GetMapping("/api/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

	}

}

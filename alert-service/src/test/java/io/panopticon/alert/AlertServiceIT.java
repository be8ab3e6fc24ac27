package io.panopticon.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.jsonwebtoken.Jwts;
import io.panopticon.alert.keys.SigningKey;
import io.panopticon.alert.keys.SigningKeys;
import io.panopticon.common.security.IntrospectionClient;
import io.panopticon.common.security.InvalidTokenException;
import io.panopticon.common.security.JwksClient;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.common.security.Role;
import io.panopticon.testing.ApiDescriptionChecks;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * alert-service against real PostgreSQL (schema migrated), Kafka and Elasticsearch, in
 * one Spring context: accounts, logins, refresh rotation, key rotation seen through the
 * JWK set by a verifier like the other services', API keys, brute-force limits and the
 * audit log. Its first signing key is the test key pair's private key, as the local stack
 * passes its own; tokens minted with that key and no {@code kid} stand for stack tokens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
class AlertServiceIT {

	static final String ADMIN = "root-admin";

	static final String ADMIN_PASSWORD = AlertTestServers.ADMIN_PASSWORD;

	static final String PASSWORD = "Tall-Lighthouse-Orbit-42";

	private static final AtomicInteger names = new AtomicInteger();

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		AlertTestServers.register(registry, ADMIN);
		// Every test logs in from 127.0.0.1; the address limit must not couple them.
		registry.add("panopticon.alert.login-failures-per-address", () -> "1000");
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SigningKeys signingKeys;

	@Autowired
	PublicKeyCache verificationKeys;

	@Autowired
	ScheduledTaskHolder scheduled;

	private ServiceClient client() {
		return new ServiceClient(this.port);
	}

	@Test
	void healthIsUpWithDatabaseKafkaAndElasticsearch() {
		Response health = client().get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/elasticsearch").isMissingNode()).isTrue();
	}

	@Test
	void apiDescriptionIsPublicAndEveryOperationHasARecordedExample() {
		Response description = client().get("/v3/api-docs");
		assertThat(description.status()).as(description.body()).isEqualTo(200);
		assertThat(description.json().path("paths").propertyNames()).contains("/api/auth/login", "/api/auth/me",
				"/api/auth/password", "/api/auth/introspect", "/api/users", "/api/users/{id}", "/api/api-keys",
				"/api/api-keys/{id}", "/api/audit", "/api/admin/keys/rotate", "/.well-known/jwks.json",
				"/api/auth/jwks", "/api/channels", "/api/channels/{id}/deliveries", "/api/slo", "/api/slo/{id}/status",
				"/api/alerts", "/api/alerts/history");
		assertThat(description.json().at("/paths/~1api~1users/post/responses").propertyNames()).contains("201")
			.doesNotContain("200");
		assertThat(description.json().at("/paths/~1api~1channels/post/responses").propertyNames()).contains("201")
			.doesNotContain("200");
		assertThat(description.json().at("/paths/~1api~1slo/post/responses").propertyNames()).contains("201")
			.doesNotContain("200");
		assertThat(description.json().at("/paths/~1api~1channels~1{id}/delete/responses").propertyNames())
			.contains("204")
			.doesNotContain("200");
		assertThat(ApiDescriptionChecks.missingExamples(description.json())).isEmpty();
	}

	@Test
	void prometheusIsPublicWithoutTheServersPaths() {
		Response metrics = client().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "disk_free_bytes")
			.doesNotContain("path=\"")
			.doesNotContain(System.getProperty("user.dir"));
	}

	@Test
	void schemaIsMigratedAndGuardsRolesAndTheAuditLog() {
		this.jdbc.update("insert into users (username, display_name, password_hash, role) values (?, ?, ?, ?)", "ops",
				"Ops", "x", "admin");
		assertThat(this.jdbc.queryForObject("select role from users where username = 'ops'", String.class))
			.isEqualTo("admin");
		assertThatException().isThrownBy(() -> this.jdbc.update(
				"insert into users (username, display_name, password_hash, role) values (?, ?, ?, ?)", "eve", "Eve",
				"x", "root"));
		assertThatException().isThrownBy(() -> this.jdbc.update(
				"insert into users (username, display_name, password_hash, role) values ('OPS', 'x', 'x', 'viewer')"));
		this.jdbc.update("insert into audit_log (action, outcome) values ('test', 'success')");
		assertThatException().isThrownBy(() -> this.jdbc.update("delete from audit_log"));
		assertThatException().isThrownBy(() -> this.jdbc.update("update audit_log set outcome = 'x'"));
	}

	@Test
	void loginGivesATokenThatWorksHereAndVerifiesThroughTheJwksElsewhere() {
		JsonNode login = login(ADMIN, ADMIN_PASSWORD);
		assertThat(login.path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(login.path("expiresIn").asLong()).isEqualTo(Duration.ofHours(24).toSeconds());
		assertThat(login.path("user").path("username").asString()).isEqualTo(ADMIN);
		assertThat(login.path("user").has("password")).isFalse();
		String token = login.path("accessToken").asString();

		Response me = client().get("/api/auth/me", token);
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().at("/user/username").asString()).isEqualTo(ADMIN);
		assertThat(me.json().at("/claims/role").asString()).isEqualTo("admin");
		assertThat(header(token)).contains("\"kid\"");

		// What another service does with PANOPTICON_JWT_JWKS_URI and no static key.
		var verified = jwksVerifier().verify(token);
		assertThat(verified.role()).isEqualTo(Role.ADMIN);
		assertThat(verified.subject()).isEqualTo(me.json().at("/user/id").asString());
	}

	@Test
	void stackMintedTokensStillWorkAndBelongToNoUser() {
		Response me = client().get("/api/auth/me", TestTokens.token("admin"));
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("user").isNull()).isTrue();
		assertThat(me.json().at("/claims/sub").asString()).isEqualTo("test-admin");
		assertThat(client().get("/api/users", TestTokens.token("admin")).status()).isEqualTo(200);
	}

	@Test
	void rotationKeepsOldAndNewTokensValidUntilTheOldKeyExpires() {
		String before = login(ADMIN, ADMIN_PASSWORD).path("accessToken").asString();
		Response rotated = client().send("POST", "/api/admin/keys/rotate", before, null);
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String oldKid = rotated.json().path("previousKid").asString();
		String newKid = rotated.json().path("kid").asString();
		assertThat(newKid).isNotEqualTo(oldKid);
		String after = login(ADMIN, ADMIN_PASSWORD).path("accessToken").asString();
		assertThat(header(after)).contains(newKid);

		JwtVerifier elsewhere = jwksVerifier();
		for (String token : List.of(before, after)) {
			assertThat(client().get("/api/auth/me", token).status()).isEqualTo(200);
			assertThat(elsewhere.verify(token).role()).isEqualTo(Role.ADMIN);
		}
		assertThat(jwksKids()).contains(oldKid, newKid);

		// Once every token of the old key has expired (24 h + skew after its retirement),
		// it leaves the JWK set, and a JWKS-only verifier refuses its tokens.
		this.jdbc.update("update signing_keys set retired_at = retired_at - interval '25 hours' where kid = ?", oldKid);
		assertThat(jwksKids()).doesNotContain(oldKid).contains(newKid);
		String stillSignedByOldKey = before;
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> jwksVerifier().verify(stillSignedByOldKey));
		assertThat(jwksVerifier().verify(after).role()).isEqualTo(Role.ADMIN);
		assertThat(audit("key.rotate").path("items").get(0).path("target").asString()).isEqualTo(newKid);
	}

	@Test
	void theScheduleRotatesOnlyAKeyOlderThanTheInterval() {
		assertThat(this.scheduled.getScheduledTasks())
			.anySatisfy((task) -> assertThat(task.getTask().toString()).endsWith("KeyConfiguration$KeyRotation.check"));
		// The schedule's condition: the current key must be older than now minus the
		// interval.
		assertThat(this.signingKeys.rotate(Instant.now().minus(Duration.ofDays(30)))).isNull();
		SigningKey rotated = this.signingKeys.rotate(Instant.now().plusSeconds(60));
		this.verificationKeys.invalidate();
		assertThat(rotated).isNotNull();
		assertThat(jwksKids()).first().isEqualTo(rotated.kid());
		assertThat(client().get("/api/auth/me", adminToken()).status()).isEqualTo(200);
	}

	@Test
	void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
		String name = createUser("viewer", false);
		JsonNode login = login(name, PASSWORD);
		String first = login.path("refreshToken").asString();
		JsonNode refreshed = refresh(first, 200);
		String second = refreshed.path("refreshToken").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(client().get("/api/auth/me", refreshed.path("accessToken").asString()).status()).isEqualTo(200);

		refresh(first, 401);
		refresh(second, 401);
		assertThat(audit("refresh.reuse").path("items")).isNotEmpty();
	}

	@Test
	void deactivatedUsersCannotRefreshOrLogIn() {
		String name = createUser("reporter", false);
		JsonNode login = login(name, PASSWORD);
		long id = login.at("/user/id").asLong();
		Response patched = client().send("PATCH", "/api/users/" + id, adminToken(), "{\"active\":false}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().path("active").asBoolean()).isFalse();
		refresh(login.path("refreshToken").asString(), 401);
		assertThat(loginResponse(name, PASSWORD).status()).isEqualTo(401);
		assertThat(audit("user.deactivate").path("items").get(0).path("target").asString()).contains(name);
	}

	@Test
	void aRefreshTokenUnusedForTwoHoursNoLongerRefreshes() {
		String name = createUser("viewer", false);
		String refreshToken = login(name, PASSWORD).path("refreshToken").asString();
		this.jdbc.update("update refresh_tokens set issued_at = issued_at - interval '121 minutes' "
				+ "where user_id = (select id from users where username = ?)", name);
		refresh(refreshToken, 401);
	}

	@Test
	void logoutEndsTheLogin() {
		String name = createUser("viewer", false);
		String refreshToken = login(name, PASSWORD).path("refreshToken").asString();
		Response logout = client().send("POST", "/api/auth/logout", null,
				"{\"refreshToken\":\"" + refreshToken + "\"}");
		assertThat(logout.status()).isEqualTo(204);
		refresh(refreshToken, 401);
	}

	@Test
	void repeatedBadPasswordsAre429WithRetryAfterWhetherOrNotTheUserExists() throws Exception {
		String existing = createUser("viewer", false);
		String nobody = "nobody-" + names.incrementAndGet();
		for (String name : List.of(existing, nobody)) {
			for (int i = 0; i < 5; i++) {
				assertThat(loginResponse(name, "wrong-password-" + i).status()).isEqualTo(401);
			}
			HttpResponse<String> limited = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/auth/login"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(credentials(name, PASSWORD)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(limited.statusCode()).isEqualTo(429);
			long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
			assertThat(retryAfter).isBetween(1L, 60L);
		}
		JsonNode failures = audit("login&actor=" + nobody);
		assertThat(failures.path("items")).hasSize(5)
			.allSatisfy((entry) -> assertThat(entry.path("outcome").asString()).isEqualTo("failure"));
		assertThat(failures.at("/items/0/actorUsername").asString()).isEqualTo(nobody);
	}

	@Test
	void onlyAdminsManageUsersWhateverTheBody() {
		for (String role : List.of("viewer", "reporter")) {
			String token = TestTokens.token(role);
			assertThat(client().send("POST", "/api/users", token, "{}").status()).isEqualTo(403);
			assertThat(client().send("POST", "/api/users", token, "not json").status()).isEqualTo(403);
			assertThat(client().get("/api/users", token).status()).isEqualTo(403);
			assertThat(client().get("/api/audit", token).status()).isEqualTo(403);
			assertThat(client().send("POST", "/api/api-keys", token, "{}").status()).isEqualTo(403);
			assertThat(client().send("POST", "/api/admin/keys/rotate", token, null).status()).isEqualTo(403);
		}
		assertThat(client().send("POST", "/api/users", null, "{}").status()).isEqualTo(401);
		assertThat(client().get("/api/auth/me").status()).isEqualTo(401);
		Response created = client().send("POST", "/api/users", adminToken(),
				userJson("admin-made-" + names.incrementAndGet(), "viewer"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().path("displayName").asString()).isEqualTo(created.json().path("username").asString());
		assertThat(created.json().path("mustChangePassword").asBoolean()).isFalse();
		Response page = client().get("/api/users?limit=1", adminToken());
		assertThat(page.json().path("items")).hasSize(1);
		Response next = client().get("/api/users?limit=1&cursor=" + page.json().path("nextCursor").asString(),
				adminToken());
		assertThat(next.json().at("/items/0/id").asLong()).isGreaterThan(page.json().at("/items/0/id").asLong());
	}

	@Test
	void untrustworthyTokensAre401() throws Exception {
		PrivateKey testKey = KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(
					Base64.getMimeDecoder().decode(TestTokens.privateKeyPem().replaceAll("-----[A-Z ]+-----", ""))));
		Instant now = Instant.now();
		String wrongIssuer = Jwts.builder()
			.subject("x")
			.claim("role", "admin")
			.issuer("elsewhere")
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plusSeconds(600)))
			.signWith(testKey)
			.compact();
		String tooLong = Jwts.builder()
			.subject("x")
			.claim("role", "admin")
			.issuer("panopticon")
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofDays(30))))
			.signWith(testKey)
			.compact();
		String unknownKid = Jwts.builder()
			.header()
			.keyId("no-such-key")
			.and()
			.subject("x")
			.claim("role", "admin")
			.issuer("panopticon")
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plusSeconds(600)))
			.signWith(otherKey())
			.compact();
		for (String token : List.of(TestTokens.tampered("admin"), TestTokens.expired("admin"),
				TestTokens.unsigned("admin"), TestTokens.signedByOtherKey("admin"), wrongIssuer, tooLong, unknownKid,
				"pk_not-a-key")) {
			Response response = client().get("/api/auth/me", token);
			assertThat(response.status()).as(token).isEqualTo(401);
		}
	}

	@Test
	void badInputIs400NamingTheField() {
		String admin = adminToken();
		String unique = "input-" + names.incrementAndGet();
		assertInvalid(admin, "{\"email\":\"a@example.com\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}",
				"username");
		assertInvalid(admin, userJson("x".repeat(65), "viewer"), "username");
		assertInvalid(admin, userJson(unique, "viewer").replace("@example.com", ""), "email");
		assertInvalid(admin, userJson(unique, "root"), "role");
		assertInvalid(admin, userJson(unique, "viewer").replace(PASSWORD, "short-1"), "password");
		assertInvalid(admin, userJson(unique, "viewer").replace(PASSWORD, unique + "-Secret-1"), "password");
		assertInvalid(admin, userJson(unique, "viewer").replace(PASSWORD, "Password1234"), "password");
		assertInvalid(admin, userJson(unique, "viewer").replace("}", ",\"displayName\":\"" + "d".repeat(129) + "\"}"),
				"displayName");
		Response login = client().send("POST", "/api/auth/login", null, "{\"username\":\"someone\"}");
		assertThat(login.status()).isEqualTo(400);
		assertThat(login.json().at("/invalid-params/0/name").asString()).isEqualTo("password");
		Response audit = client().get("/api/audit?limit=5000", admin);
		assertThat(audit.status()).isEqualTo(400);
		assertThat(audit.json().at("/invalid-params/0/name").asString()).isEqualTo("limit");
		Response duplicate = client().send("POST", "/api/users", admin, userJson(ADMIN.toUpperCase(), "viewer"));
		assertThat(duplicate.status()).isEqualTo(409);
	}

	@Test
	void aUserWhoMustChangeThePasswordDoesSoFirst() {
		String name = createUser("admin", true);
		String token = login(name, PASSWORD).path("accessToken").asString();
		assertThat(client().get("/api/users", token).status()).isEqualTo(403);
		Response wrongOld = client().send("PUT", "/api/auth/password", token,
				"{\"oldPassword\":\"not-the-password\",\"newPassword\":\"Another-Quiet-River-7\"}");
		assertThat(wrongOld.status()).isEqualTo(400);
		assertThat(wrongOld.json().at("/invalid-params/0/name").asString()).isEqualTo("oldPassword");
		Response weak = client().send("PUT", "/api/auth/password", token,
				"{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}");
		assertThat(weak.json().at("/invalid-params/0/name").asString()).isEqualTo("newPassword");
		Response changed = client().send("PUT", "/api/auth/password", token,
				"{\"oldPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Another-Quiet-River-7\"}");
		assertThat(changed.status()).as(changed.body()).isEqualTo(204);
		assertThat(client().get("/api/users", token).status()).isEqualTo(200);
		assertThat(loginResponse(name, "Another-Quiet-River-7").status()).isEqualTo(200);
	}

	@Test
	void apiKeysWorkUntilRevokedAndOtherServicesCheckThemByIntrospection() {
		String admin = adminToken();
		Response created = client().send("POST", "/api/api-keys", admin,
				"{\"name\":\"ci pipeline\",\"role\":\"reporter\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String key = created.json().path("key").asString();
		long id = created.json().at("/apiKey/id").asLong();
		assertThat(key).startsWith("pk_");
		assertThat(client().get("/api/api-keys", admin).body()).doesNotContain(key);

		Response me = client().get("/api/auth/me", key);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().at("/claims/sub").asString()).isEqualTo("apikey:" + id);
		assertThat(client().send("POST", "/api/users", key, "{}").status()).isEqualTo(403);
		IntrospectionClient elsewhere = new IntrospectionClient(
				URI.create("http://127.0.0.1:" + this.port + "/api/auth/introspect"), Duration.ofSeconds(5),
				Duration.ZERO, Clock.systemUTC());
		assertThat(elsewhere.introspect(key).orElseThrow().role()).isEqualTo(Role.REPORTER);

		assertThat(client().send("DELETE", "/api/api-keys/" + id, admin, null).status()).isEqualTo(204);
		assertThat(elsewhere.introspect(key)).isEmpty();
		assertThat(client().get("/api/auth/me", key).status()).isEqualTo(401);
		assertThat(audit("apikey.revoke").at("/items/0/target").asString())
			.isEqualTo("apikey:" + id + " (ci pipeline)");
		assertInvalidKey(admin, "{\"role\":\"viewer\"}", "name");
		assertInvalidKey(admin, "{\"name\":\"x\",\"role\":\"viewer\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
				"expiresAt");
	}

	@Test
	void auditIsNewestFirstAndPagedWithACursor() {
		String admin = adminToken();
		createUser("viewer", false);
		createUser("viewer", false);
		JsonNode first = audit("user.create&limit=1");
		JsonNode second = client()
			.get("/api/audit?action=user.create&limit=1&cursor=" + first.path("nextCursor").asString(), admin)
			.json();
		assertThat(second.at("/items/0/id").asLong()).isLessThan(first.at("/items/0/id").asLong());
		assertThat(first.at("/items/0/actorUsername").asString()).isEqualTo(ADMIN);
		JsonNode byActor = client().get("/api/audit?actor=" + ADMIN + "&limit=1000", admin).json();
		assertThat(byActor.path("items"))
			.allSatisfy((entry) -> assertThat(entry.path("actorUsername").asString()).isEqualTo(ADMIN));
	}

	private void assertInvalid(String token, String body, String field) {
		Response response = client().send("POST", "/api/users", token, body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.json().at("/invalid-params/0/name").asString()).as(response.body()).isEqualTo(field);
	}

	private void assertInvalidKey(String token, String body, String field) {
		Response response = client().send("POST", "/api/api-keys", token, body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.json().at("/invalid-params/0/name").asString()).isEqualTo(field);
	}

	private String createUser(String role, boolean mustChangePassword) {
		String name = "user-" + names.incrementAndGet();
		String body = userJson(name, role).replace("}", ",\"mustChangePassword\":" + mustChangePassword + "}");
		Response created = client().send("POST", "/api/users", adminToken(), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return name;
	}

	private static String userJson(String name, String role) {
		return "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"role\":\"" + role
				+ "\",\"password\":\"" + PASSWORD + "\"}";
	}

	private String adminToken() {
		return login(ADMIN, ADMIN_PASSWORD).path("accessToken").asString();
	}

	private JsonNode login(String username, String password) {
		Response response = loginResponse(username, password);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private Response loginResponse(String username, String password) {
		return client().send("POST", "/api/auth/login", null, credentials(username, password));
	}

	private static String credentials(String username, String password) {
		return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
	}

	private JsonNode refresh(String refreshToken, int expectedStatus) {
		Response response = client().send("POST", "/api/auth/refresh", null,
				"{\"refreshToken\":\"" + refreshToken + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
		return response.json();
	}

	private JsonNode audit(String action) {
		Response response = client().get("/api/audit?action=" + action, adminToken());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private List<String> jwksKids() {
		Response jwks = client().get("/.well-known/jwks.json");
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(client().get("/api/auth/jwks").body()).isEqualTo(jwks.body());
		return jwks.json().path("keys").valueStream().map((key) -> key.path("kid").asString()).toList();
	}

	private JwtVerifier jwksVerifier() {
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/.well-known/jwks.json");
		return new JwtVerifier(null,
				new PublicKeyCache(new JwksClient(uri, Duration.ofSeconds(5)), Clock.systemUTC(),
						Duration.ofMinutes(10), Duration.ZERO),
				null, new JwtVerifier.Settings("panopticon", Duration.ofHours(25), Duration.ofSeconds(30)),
				Clock.systemUTC());
	}

	private static String header(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
	}

	private static PrivateKey otherKey() throws Exception {
		var generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair().getPrivate();
	}

}

package io.panopticon.errorstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser: headless Chromium (Debian's {@code chromium}), driven by
 * {@code playwright-core}, opens a page served from another origin whose JavaScript STOMP
 * client ({@code @stomp/stompjs}) connects with a viewer token and shows the first error
 * log; the test publishes one and reads what the page shows.
 * <p>
 * The npm packages ({@code src/test/browser/package-lock.json}) are installed into
 * {@code target/browser-test} on first use. Without Chromium, Node.js or npm the test is
 * skipped, except when {@code CI=true}: then it fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class BrowserErrorStreamIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "it.browser." + RUN;

	private static final Path SOURCES = Path.of("src", "test", "browser");

	private static final Path WORK = Path.of("target", "browser-test");

	private static final String CHROMIUM = System.getenv()
		.getOrDefault("PANOPTICON_TEST_CHROMIUM", "/usr/bin/chromium");

	private static final List<String> FILES = List.of("package.json", "package-lock.json", "error-stream.html",
			"show-first-error.mjs");

	private static HttpServer pages;

	private static ErrorTopic errors;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.logs-error", () -> TOPIC);
		// The page comes from an origin of its own, as a dashboard would.
		registry.add("panopticon.security.allowed-origins", () -> pageOrigin());
	}

	@BeforeAll
	static void browser() throws IOException, InterruptedException {
		requireTool(Path.of(CHROMIUM), "Chromium (apt-get install chromium)");
		requireTool(onPath("node"), "Node.js");
		requireTool(onPath("npm"), "npm");
		installPackages();
		errors = ErrorTopic.create(TOPIC, 2);
	}

	@AfterAll
	static void close() {
		if (errors != null) {
			errors.close();
		}
		if (pages != null) {
			pages.stop(0);
		}
	}

	@Test
	void theBrowserShowsTheFirstErrorLog() throws Exception {
		errors.awaitStreaming(this.port);
		String page = pageOrigin() + "/error-stream.html?ws=ws://127.0.0.1:" + this.port + "/ws/error-logs&token="
				+ TestTokens.token("viewer");
		Path screenshot = WORK.resolve("first-error.png").toAbsolutePath();
		Process browser = new ProcessBuilder("node", "show-first-error.mjs", page, screenshot.toString(), CHROMIUM)
			.directory(WORK.toFile())
			.redirectError(WORK.resolve("browser.log").toFile())
			.start();
		BlockingQueue<String> lines = lines(browser);
		try {
			String subscribed = lines.poll(120, TimeUnit.SECONDS);
			assertThat(subscribed).as("the page's subscription; see " + WORK.resolve("browser.log"))
				.isEqualTo("SUBSCRIBED");
			String message = "payment gateway timeout " + RUN;
			String id = errors.publish(ErrorTopic.event("checkout-" + RUN, "prod", LogLevel.FATAL, message));
			errors.flush();
			String shown = lines.poll(60, TimeUnit.SECONDS);
			assertThat(shown).as("what the page shows; see " + WORK.resolve("browser.log"))
				.isNotNull()
				.startsWith("SHOWN " + id + " ")
				.contains("checkout-" + RUN + " FATAL: " + message);
			assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(browser.exitValue()).isZero();
			assertThat(screenshot).exists();
		}
		finally {
			browser.destroyForcibly();
		}
	}

	private static synchronized String pageOrigin() {
		if (pages == null) {
			try {
				pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			serve("/error-stream.html", WORK.resolve("error-stream.html"), "text/html; charset=utf-8");
			serve("/stomp.umd.min.js", WORK.resolve("node_modules/@stomp/stompjs/bundles/stomp.umd.min.js"),
					"text/javascript; charset=utf-8");
			pages.start();
		}
		return "http://127.0.0.1:" + pages.getAddress().getPort();
	}

	private static void serve(String path, Path file, String contentType) {
		pages.createContext(path, (exchange) -> {
			byte[] body = Files.readAllBytes(file);
			exchange.getResponseHeaders().add("Content-Type", contentType);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	/**
	 * Copies the page, the driver and the package files into {@code target/} and runs
	 * {@code npm ci} there, unless the installed packages match the lock file already.
	 */
	private static void installPackages() throws IOException, InterruptedException {
		Files.createDirectories(WORK);
		for (String file : FILES) {
			Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Path installed = WORK.resolve("node_modules/.package-lock.json");
		Path lock = WORK.resolve("package-lock.json");
		if (Files.exists(installed) && Files.getLastModifiedTime(installed)
			.compareTo(Files.getLastModifiedTime(SOURCES.resolve("package-lock.json"))) > 0) {
			return;
		}
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
			.directory(WORK.toFile())
			.redirectErrorStream(true)
			.redirectOutput(WORK.resolve("npm-ci.log").toFile())
			.start();
		if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
			npm.destroyForcibly();
			throw new IllegalStateException("npm ci failed in " + WORK + "; see " + WORK.resolve("npm-ci.log") + ":\n"
					+ Files.readString(WORK.resolve("npm-ci.log")));
		}
		assertThat(lock).exists();
	}

	private static void requireTool(Path tool, String name) {
		boolean present = tool != null && Files.isExecutable(tool);
		if (!present) {
			String message = name + " is not installed" + ((tool != null) ? " (" + tool + ")" : "");
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; CI must run the browser test");
			}
			Assumptions.abort(message + ": skipping the browser test");
		}
	}

	private static Path onPath(String command) {
		for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(folder, command);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static BlockingQueue<String> lines(Process process) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}, "browser-output");
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

}

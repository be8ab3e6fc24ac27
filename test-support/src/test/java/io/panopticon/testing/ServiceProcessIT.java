package io.panopticon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Runs {@link HealthEndpointMain}, packed into an executable jar, as a service.
 */
class ServiceProcessIT {

	private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);

	@TempDir
	static Path folder;

	static Path jar;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void packTheStandInService() throws IOException {
		jar = folder.resolve("health-endpoint.jar");
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HealthEndpointMain.class.getName());
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream classFile = HealthEndpointMain.class
					.getResourceAsStream(HealthEndpointMain.class.getSimpleName() + ".class")) {
			out.putNextEntry(new JarEntry(HealthEndpointMain.class.getName().replace('.', '/') + ".class"));
			classFile.transferTo(out);
			out.closeEntry();
		}
	}

	@Test
	void killEndsTheServiceAtOnceAndClosesItsPort() {
		try (ServiceProcess service = ServiceProcess.builder(jar).start()) {
			service.awaitHealthy(HEALTHY_WITHIN);
			assertThat(service.isAlive()).isTrue();
			assertThat(FreePorts.accepts(service.port())).isTrue();

			service.kill();

			assertThat(service.isAlive()).isFalse();
			assertThat(FreePorts.accepts(service.port())).isFalse();
		}
	}

	@Test
	void passesPropertiesEnvironmentAndJavaOptions() throws Exception {
		Path log = folder.resolve("logs").resolve("passes.log");
		try (ServiceProcess service = ServiceProcess.builder(jar)
			.property("panopticon.ingest.bulk.batch-size", "250")
			.env("BULK_FLUSH_INTERVAL_MS", "150")
			.logFile(log)
			.start()) {
			service.awaitHealthy(HEALTHY_WITHIN);

			assertThat(get(service, "/args"))
				.isEqualTo("--server.port=" + service.port() + "\n--panopticon.ingest.bulk.batch-size=250");
			assertThat(get(service, "/env/BULK_FLUSH_INTERVAL_MS")).isEqualTo("150");
			assertThat(get(service, "/jvm")).contains("-Xmx256m", "-XX:+UseSerialGC",
					"-D" + ServiceProcess.PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
			assertThat(service.logFile()).isEqualTo(log);
			assertThat(Files.readString(log)).contains("Listening on port " + service.port());

			service.stop();

			assertThat(service.isAlive()).isFalse();
		}
	}

	@Test
	void startsAgainAfterAKillOnTheSamePort() {
		try (ServiceProcess service = ServiceProcess.builder(jar).javaOptions("-Xmx32m").start()) {
			service.awaitHealthy(HEALTHY_WITHIN);
			int port = service.port();
			service.kill();

			service.start();
			service.awaitHealthy(HEALTHY_WITHIN);

			assertThat(service.port()).isEqualTo(port);
			assertThat(service.isAlive()).isTrue();
			assertThatIllegalStateException().isThrownBy(service::start).withMessageContaining("runs already");
		}
	}

	@Test
	void awaitHealthyReportsAnEarlyExitWithTheEndOfTheLog() {
		try (ServiceProcess service = ServiceProcess.builder(jar).property("fail-at-start", "true").start()) {
			assertThatIllegalStateException().isThrownBy(() -> service.awaitHealthy(HEALTHY_WITHIN))
				.withMessageContaining("exited with code 3 before it was healthy")
				.withMessageContaining("Failing at start as asked");
		}
	}

	@Test
	void awaitHealthyGivesUpAfterTheTimeout() {
		try (ServiceProcess service = ServiceProcess.builder(jar).start()) {
			assertThatIllegalStateException().isThrownBy(() -> service.awaitHealthy(Duration.ZERO))
				.withMessageContaining("was not healthy on port " + service.port() + " within PT0S");
		}
	}

	@Test
	void closeStopsTheServiceAndDeletesItsTemporaryLog() {
		ServiceProcess service = ServiceProcess.builder(jar).start();
		service.awaitHealthy(HEALTHY_WITHIN);
		Path log = service.logFile();

		service.close();
		service.close();

		assertThat(service.isAlive()).isFalse();
		assertThat(log).doesNotExist();
		assertThatIllegalStateException().isThrownBy(service::start).withMessageContaining("closed");
	}

	private String get(ServiceProcess service, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}

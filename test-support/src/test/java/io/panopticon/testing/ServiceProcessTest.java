package io.panopticon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceProcessTest {

	@TempDir
	Path build;

	@BeforeEach
	void aBuildWithTwoModules() throws IOException {
		write(this.build.resolve("pom.xml"), "<project><groupId>io.panopticon</groupId>"
				+ "<artifactId>panopticon-parent</artifactId><version>0.1.0-SNAPSHOT</version></project>");
		write(this.build.resolve("ingest-service/pom.xml"),
				"<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><parent><groupId>io.panopticon</groupId>"
						+ "<artifactId>panopticon-parent</artifactId><version>0.1.0-SNAPSHOT</version></parent>"
						+ "<artifactId>ingest-service</artifactId></project>");
		write(this.build.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar"), "jar");
		write(this.build.resolve("query-service/pom.xml"),
				"<project><parent><artifactId>panopticon-parent</artifactId><version>0.1.0-SNAPSHOT</version>"
						+ "</parent><artifactId>query-service</artifactId><version>2.0.0</version></project>");
		write(this.build.resolve("query-service/target/query-service-2.0.0.jar"), "jar");
		Files.createDirectories(this.build.resolve("alert-service"));
	}

	@Test
	void commandRunsTheJarWithThisJavaTheDefaultOptionsAndAFixedPort() {
		List<String> command = ServiceProcess.builder(Path.of("/build/ingest-service.jar")).command(41000);

		assertThat(command).containsExactly(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dpanopticon.test.parent-pid=" + ProcessHandle.current().pid(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
				"/build/ingest-service.jar", "--server.port=41000");
	}

	@Test
	void commandPassesPropertiesAsProgramArgumentsInOrder() {
		List<String> command = ServiceProcess.builder(Path.of("/build/ingest-service.jar"))
			.property("spring.kafka.bootstrap-servers", "127.0.0.1:9092")
			.property("panopticon.ingest.bulk.batch-size", "500")
			.command(41000);

		assertThat(command).endsWith("--server.port=41000", "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
				"--panopticon.ingest.bulk.batch-size=500");
	}

	@Test
	void javaOptionsReplaceTheDefaults() {
		List<String> command = ServiceProcess.builder(Path.of("/build/ingest-service.jar"))
			.javaOptions("-Xmx512m", "-XX:TieredStopAtLevel=1")
			.command(41000);

		assertThat(command).contains("-Xmx512m", "-XX:TieredStopAtLevel=1")
			.doesNotContain("-Xmx256m", "-XX:+UseSerialGC");
		assertThat(command.indexOf("-Xmx512m")).isLessThan(command.indexOf("-jar"));
	}

	@Test
	void serverPortIsNotAProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceProcess.builder(Path.of("service.jar")).property("server.port", "8080"))
			.withMessageContaining("port()");
	}

	@Test
	void startFailsClearlyWithoutTheJar() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceProcess.builder(this.build.resolve("missing.jar")).start())
			.withMessageContaining("missing.jar does not exist: run ./mvnw package first");
	}

	@Test
	void moduleJarIsTheJarOfTheModuleInTheWorkingDirectory() {
		assertThat(ServiceProcess.moduleJar("ingest-service", this.build.resolve("ingest-service")))
			.isEqualTo(this.build.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar"));
	}

	@Test
	void moduleJarFindsAModuleNextToTheWorkingDirectoryWithItsOwnVersion() {
		assertThat(ServiceProcess.moduleJar("query-service", this.build.resolve("ingest-service")))
			.isEqualTo(this.build.resolve("query-service/target/query-service-2.0.0.jar"));
	}

	@Test
	void moduleJarFindsAModuleBelowTheBuildRoot() {
		assertThat(ServiceProcess.moduleJar("ingest-service", this.build))
			.isEqualTo(this.build.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar"));
	}

	@Test
	void moduleJarSaysToPackageWhenTheJarIsMissing() throws IOException {
		Files.delete(this.build.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar"));

		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceProcess.moduleJar("ingest-service", this.build.resolve("ingest-service")))
			.withMessageContaining("ingest-service-0.1.0-SNAPSHOT.jar does not exist: run ./mvnw package first");
	}

	@Test
	void moduleJarNamesAnUnknownModule() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceProcess.moduleJar("billing-service", this.build.resolve("ingest-service")))
			.withMessageContaining("No module with artifactId billing-service");
	}

	private static void write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}

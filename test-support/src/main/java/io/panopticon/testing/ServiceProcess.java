package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Spring Boot service run from its executable jar in a JVM of its own, for tests that
 * crash it: {@link #kill()} sends SIGKILL, as an out-of-memory kill or a power cut would,
 * and {@link #start()} runs it again with the same settings. <pre class="code">
 * try (ServiceProcess ingest = ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
 *         .property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
 *         .logFile(Path.of("target", "ingest-crash.log"))
 *         .start()) {
 *     ingest.awaitHealthy(Duration.ofSeconds(60));
 *     ingest.kill();
 *     ingest.start();
 *     ingest.awaitHealthy(Duration.ofSeconds(60));
 * }
 * </pre> The service runs with {@code java} of the test JVM, listens on a free port
 * ({@code --server.port}), and inherits the test JVM's environment plus what
 * {@link Builder#env} adds. One still running when the test JVM exits is stopped then;
 * one left behind by a test JVM that was killed is killed by the next one that starts a
 * service.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	/** Java options unless {@link Builder#javaOptions} replaces them. */
	static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

	/**
	 * System property on every service's command line with the pid of the test JVM that
	 * started it, by which orphans are recognised.
	 */
	static final String PARENT_PROPERTY = "panopticon.test.parent-pid";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration HEALTH_POLL = Duration.ofMillis(200);

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private static boolean orphansReaped;

	private final Path jar;

	private final Map<String, String> properties;

	private final Map<String, String> environment;

	private final List<String> javaOptions;

	private final Path logFile;

	/** Whether the log file is a temporary one of ours, deleted on close. */
	private final boolean temporaryLog;

	private final String name;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private volatile Process process;

	private volatile int port;

	/** Size of the log file when the current run started. */
	private volatile long logStart;

	private int runs;

	private boolean closed;

	private ServiceProcess(Builder builder, Path logFile, boolean temporaryLog) {
		this.jar = builder.jar;
		this.properties = new LinkedHashMap<>(builder.properties);
		this.environment = new LinkedHashMap<>(builder.environment);
		this.javaOptions = builder.javaOptions;
		this.logFile = logFile;
		this.temporaryLog = temporaryLog;
		this.name = builder.jar.getFileName().toString();
	}

	/**
	 * Begin describing a service to run.
	 * @param jar the service's executable jar, see {@link #moduleJar(String)}
	 * @return a builder
	 */
	public static Builder builder(Path jar) {
		return new Builder(jar);
	}

	/**
	 * The executable jar of a module of this build:
	 * {@code <module>/target/<artifactId>-<version>.jar}. The module is the one whose
	 * {@code pom.xml} declares {@code artifactId}: the working directory (failsafe runs
	 * in the module's folder), a folder in it, or one next to it. Failsafe runs after
	 * {@code package}, so under {@code ./mvnw verify} the jar is there.
	 * @param artifactId the module's artifact id, for example {@code ingest-service}
	 * @return the jar
	 * @throws IllegalStateException when there is no such module or no jar
	 */
	public static Path moduleJar(String artifactId) {
		return moduleJar(artifactId, Path.of("").toAbsolutePath());
	}

	static Path moduleJar(String artifactId, Path workingDirectory) {
		Path module = findModule(artifactId, workingDirectory)
			.orElseThrow(() -> new IllegalStateException("No module with artifactId " + artifactId + " in or next to "
					+ workingDirectory + " (looked for a pom.xml declaring it)"));
		Path jar = module.resolve("target").resolve(artifactId + "-" + version(module.resolve("pom.xml")) + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: run ./mvnw package first (./mvnw verify builds it "
					+ "before the integration tests)");
		}
		warnIfOlderThanClasses(jar, module.resolve("target").resolve("classes"));
		return jar;
	}

	/**
	 * Run the service (again, after {@link #kill()} or {@link #stop()}). It listens on
	 * the port of its previous run when that is still free, else on another free one; see
	 * {@link #port()}. Returns at once: follow with {@link #awaitHealthy(Duration)}.
	 * @return this
	 * @throws IllegalStateException when it runs, is closed, or its jar is missing
	 */
	public synchronized ServiceProcess start() {
		if (this.closed) {
			throw new IllegalStateException(this.name + " is closed");
		}
		if (isAlive()) {
			throw new IllegalStateException(this.name + " runs already (pid " + this.process.pid() + ")");
		}
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(this.jar + " does not exist: run ./mvnw package first");
		}
		reapOrphans();
		if (this.runs == 0) {
			Cleanup.register("service " + this.name, this);
		}
		int chosen = (this.port != 0 && FreePorts.isFree(this.port)) ? this.port : FreePorts.find();
		ProcessBuilder builder = new ProcessBuilder(command(this.jar, this.javaOptions, this.properties, chosen))
			.redirectErrorStream(true)
			.redirectOutput((this.runs == 0) ? ProcessBuilder.Redirect.to(this.logFile.toFile())
					: ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		builder.environment().putAll(this.environment);
		try {
			Path parent = this.logFile.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.logStart = (this.runs == 0) ? 0 : LogTail.size(this.logFile);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", builder.command()), ex);
		}
		this.port = chosen;
		this.runs++;
		log.info("Started {} (pid {}) on port {}, log {}", this.name, this.process.pid(), chosen, this.logFile);
		return this;
	}

	/**
	 * Wait until {@code http://127.0.0.1:<port>/actuator/health} answers 200 with
	 * {@code "status":"UP"}.
	 * @param timeout how long to wait
	 * @throws IllegalStateException when the service exits first or is not healthy in
	 * time; the message carries the end of its log
	 */
	public void awaitHealthy(Duration timeout) {
		Process current = requireStarted();
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		String last = "no answer";
		try {
			while (true) {
				if (!current.isAlive()) {
					throw new IllegalStateException(this.name + " exited with code " + current.exitValue()
							+ " before it was healthy; end of " + this.logFile + ":\n" + logTail());
				}
				try {
					HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200 && UP.matcher(response.body()).find()) {
						log.info("{} healthy on port {} after {} ms", this.name, this.port,
								(System.nanoTime() - started) / 1_000_000);
						return;
					}
					last = response.statusCode() + " " + response.body();
				}
				catch (IOException ex) {
					last = ex.toString();
				}
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException(this.name + " was not healthy on port " + this.port + " within "
							+ timeout + " (last answer: " + last + "); end of " + this.logFile + ":\n" + logTail());
				}
				Thread.sleep(HEALTH_POLL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

	/**
	 * The port the service listens on (of its current or last run).
	 * @return the port on 127.0.0.1
	 * @throws IllegalStateException before the first {@link #start()}
	 */
	public int port() {
		requireStarted();
		return this.port;
	}

	/**
	 * The file that receives the service's standard output and error. Each run appends to
	 * it; without {@link Builder#logFile} it is a temporary file, deleted on close.
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Whether the service's JVM runs.
	 * @return true from {@link #start()} until it exits
	 */
	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Kill the service with SIGKILL, giving it no chance to clean up, and wait until it
	 * has exited. Does nothing when it does not run.
	 * @throws IllegalStateException when it has not exited after 10 s
	 */
	public synchronized void kill() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		// SIGKILL on Linux and macOS.
		current.destroyForcibly();
		if (!awaitExit(current, KILL_TIMEOUT)) {
			throw new IllegalStateException(
					this.name + " (pid " + current.pid() + ") has not exited " + KILL_TIMEOUT + " after SIGKILL");
		}
		log.info("Killed {} (pid {})", this.name, current.pid());
	}

	/**
	 * Stop the service with SIGTERM (Spring Boot shuts down gracefully) and wait until it
	 * has exited; SIGKILL if it still runs after 30 s. Does nothing when it does not run.
	 * @throws IllegalStateException when it has not exited even after SIGKILL
	 */
	public synchronized void stop() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		long started = System.nanoTime();
		current.destroy();
		if (!awaitExit(current, STOP_TIMEOUT)) {
			log.warn("{} (pid {}) did not stop within {} of SIGTERM, killing it", this.name, current.pid(),
					STOP_TIMEOUT);
			kill();
			return;
		}
		log.info("Stopped {} (pid {}) in {} ms, exit code {}", this.name, current.pid(),
				(System.nanoTime() - started) / 1_000_000, current.exitValue());
	}

	/**
	 * {@link #stop()} the service for good and delete its temporary log file. Calling it
	 * again does nothing.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		if (this.temporaryLog) {
			try {
				Files.deleteIfExists(this.logFile);
			}
			catch (IOException ex) {
				log.warn("Could not delete {}: {}", this.logFile, ex.toString());
			}
		}
	}

	@Override
	public String toString() {
		return "ServiceProcess[" + this.name + ((this.port != 0) ? ", port " + this.port : "")
				+ (isAlive() ? ", running]" : "]");
	}

	/**
	 * The command line of a run.
	 * @param jar the executable jar
	 * @param javaOptions the JVM options
	 * @param properties the Spring properties
	 * @param port the HTTP port
	 * @return the command and its arguments
	 */
	static List<String> command(Path jar, List<String> javaOptions, Map<String, String> properties, int port) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
		command.addAll(javaOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		return command;
	}

	private Process requireStarted() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException(this.name + " was not started");
		}
		return current;
	}

	private String logTail() {
		return LogTail.of(this.logFile, this.logStart);
	}

	private static boolean awaitExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for pid " + process.pid() + " to exit", ex);
		}
	}

	/**
	 * Kill the services of test JVMs that ended without their shutdown hook (a kill -9, a
	 * fork timeout): their parent is no longer the JVM named on their command line.
	 */
	private static synchronized void reapOrphans() {
		if (orphansReaped) {
			return;
		}
		orphansReaped = true;
		String marker = "-D" + PARENT_PROPERTY + "=";
		ProcessHandle.allProcesses().forEach((candidate) -> {
			Optional<Long> starter = candidate.info()
				.arguments()
				.flatMap((arguments) -> Arrays.stream(arguments)
					.filter((argument) -> argument.startsWith(marker))
					.findFirst())
				.flatMap((argument) -> parsePid(argument.substring(marker.length())));
			long parent = candidate.parent().map(ProcessHandle::pid).orElse(-1L);
			if (starter.isPresent() && starter.get() != parent) {
				log.warn("Killing service (pid {}) left behind by test JVM {}", candidate.pid(), starter.get());
				candidate.destroyForcibly();
			}
		});
	}

	private static Optional<Long> parsePid(String text) {
		try {
			return Optional.of(Long.parseLong(text));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Path> findModule(String artifactId, Path workingDirectory) {
		List<Path> candidates = new ArrayList<>();
		candidates.add(workingDirectory);
		candidates.addAll(children(workingDirectory));
		Path parent = workingDirectory.getParent();
		if (parent != null) {
			candidates.addAll(children(parent));
		}
		return candidates.stream()
			.filter((folder) -> Files.isRegularFile(folder.resolve("pom.xml")))
			.filter((folder) -> artifactId.equals(childText(project(folder.resolve("pom.xml")), "artifactId")))
			.findFirst();
	}

	private static List<Path> children(Path folder) {
		try (Stream<Path> children = Files.list(folder)) {
			return children.filter(Files::isDirectory).sorted().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** The project's own version, else its parent's. */
	private static String version(Path pom) {
		Element project = project(pom);
		String version = childText(project, "version");
		if (version == null) {
			Element parent = child(project, "parent");
			version = (parent != null) ? childText(parent, "version") : null;
		}
		if (version == null || version.contains("${")) {
			throw new IllegalStateException("No literal project or parent version in " + pom);
		}
		return version;
	}

	private static Element project(Path pom) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + pom, ex);
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IllegalStateException("Could not parse " + pom, ex);
		}
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && name.equals(element.getTagName())) {
				return element;
			}
		}
		return null;
	}

	private static String childText(Element parent, String name) {
		Element child = child(parent, name);
		return (child != null) ? child.getTextContent().trim() : null;
	}

	/** An IDE may have compiled changes that the jar lacks. */
	private static void warnIfOlderThanClasses(Path jar, Path classes) {
		if (!Files.isDirectory(classes)) {
			return;
		}
		try (Stream<Path> files = Files.walk(classes)) {
			FileTime built = Files.getLastModifiedTime(jar);
			Optional<Path> newer = files.filter(Files::isRegularFile).filter((file) -> {
				try {
					return Files.getLastModifiedTime(file).compareTo(built) > 0;
				}
				catch (IOException ex) {
					return false;
				}
			}).findFirst();
			newer.ifPresent((file) -> log.warn("{} is older than {}: run ./mvnw package to rebuild it", jar, file));
		}
		catch (IOException ex) {
			// Only a hint.
		}
	}

	/**
	 * Describes a service to run; {@link #start()} runs it.
	 */
	public static final class Builder {

		private final Path jar;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private List<String> javaOptions = DEFAULT_JAVA_OPTIONS;

		private Path logFile;

		private Builder(Path jar) {
			this.jar = Objects.requireNonNull(jar, "jar");
		}

		/**
		 * Set a Spring property, passed as the program argument {@code --name=value}
		 * (which wins over the service's own configuration and its environment).
		 * {@code server.port} is not allowed: the port is chosen at start.
		 * @param name the property name, for example
		 * {@code spring.kafka.bootstrap-servers}
		 * @param value its value
		 * @return this builder
		 */
		public Builder property(String name, String value) {
			Objects.requireNonNull(value, "value");
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("A property needs a name");
			}
			if ("server.port".equals(name)) {
				throw new IllegalArgumentException(
						"server.port is chosen by ServiceProcess (a free port); read it with port()");
			}
			this.properties.put(name, value);
			return this;
		}

		/**
		 * Set an environment variable of the service, in addition to those it inherits
		 * from the test JVM.
		 * @param name the variable, for example {@code BULK_BATCH_SIZE}
		 * @param value its value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/**
		 * Replace the JVM options, by default {@code -Xmx256m -XX:+UseSerialGC}.
		 * @param options the options, for example {@code -Xmx512m}
		 * @return this builder
		 */
		public Builder javaOptions(String... options) {
			this.javaOptions = List.of(options);
			return this;
		}

		/**
		 * Send the service's standard output and error to {@code file}: emptied at the
		 * first start, appended to by later ones. By default a temporary file, deleted on
		 * close.
		 * @param file the log file; its folder is created if needed
		 * @return this builder
		 */
		public Builder logFile(Path file) {
			this.logFile = Objects.requireNonNull(file, "file");
			return this;
		}

		/**
		 * Run the service, see {@link ServiceProcess#start()}.
		 * @return the started service; close it to stop it
		 */
		public ServiceProcess start() {
			if (!Files.isRegularFile(this.jar)) {
				throw new IllegalStateException(this.jar + " does not exist: run ./mvnw package first");
			}
			Path log = this.logFile;
			boolean temporary = (log == null);
			if (temporary) {
				try {
					log = Files.createTempFile("panopticon-" + this.jar.getFileName() + "-", ".log");
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not create a log file for " + this.jar, ex);
				}
			}
			return new ServiceProcess(this, log, temporary).start();
		}

		List<String> command(int port) {
			return ServiceProcess.command(this.jar, this.javaOptions, this.properties, port);
		}

	}

}

package io.panopticon.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-node Elasticsearch or OpenSearch server run from an unpacked distribution,
 * with its own configuration copy, data, logs and temporary folders in a per-JVM folder.
 * The launcher runs in the foreground as a child of the test JVM; stopping it stops the
 * server. A stopped node can run again on the same ports with the same data.
 */
final class SearchNode implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SearchNode.class);

	private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final int PORT_ATTEMPTS = 3;

	/**
	 * How often {@link #restart()} tries to bind its ports again when another process
	 * holds one, with {@link #RESTART_PAUSE} in between.
	 */
	private static final int RESTART_ATTEMPTS = 5;

	private static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

	/** How long {@link #stop()} waits for the ports to refuse connections. */
	private static final Duration PORT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * User and group the server runs as inside a user namespace when the tests run as
	 * root.
	 */
	private static final int MAPPED_ID = 1000;

	private static final String PID_FILE = "server.pid";

	private static final String CONSOLE_LOG = "console.log";

	private static final Pattern NODE_FOLDER = Pattern.compile("node-(\\d+)-.*");

	private static final Pattern BIND_FAILURE = Pattern
		.compile("BindHttpException|BindTransportException|Address already in use");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

	private static final Pattern PROCESS_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	/**
	 * Variables that would change how the launcher picks or tunes its JVM, besides the
	 * distribution's own ({@link #ignoredEnvironment}).
	 */
	private static final List<String> IGNORED_JVM_ENVIRONMENT = List.of("JAVA_HOME", "JAVA_OPTS", "JAVA_TOOL_OPTIONS",
			"_JAVA_OPTIONS", "CLI_JAVA_OPTS");

	private final SearchDistribution distribution;

	/** The distribution's name, for messages. */
	private final String name;

	private final Path home;

	private final Path folder;

	private final int httpPort;

	private final int transportPort;

	private final boolean asRoot;

	private final Duration timeout;

	private final String url;

	/** Serialises starts and stops; {@link #close()} stops without it first. */
	private final Object lifecycle = new Object();

	/** The launcher of the current run; null while stopped. */
	private final AtomicReference<Process> launcher = new AtomicReference<>();

	private volatile boolean closed;

	private volatile boolean keepFolder;

	private SearchNode(SearchDistribution distribution, Path home, Path folder, int httpPort, int transportPort,
			boolean asRoot, Duration timeout) {
		this.distribution = distribution;
		this.name = distribution.displayName();
		this.home = home;
		this.folder = folder;
		this.httpPort = httpPort;
		this.transportPort = transportPort;
		this.asRoot = asRoot;
		this.timeout = timeout;
		this.url = "http://127.0.0.1:" + httpPort;
	}

	/**
	 * Start a node from {@code home} on free ports and wait until its cluster is at least
	 * yellow. Nodes left behind by test JVMs that died are stopped and deleted first. The
	 * node is stopped when the JVM exits, even if that happens while it starts.
	 * @param distribution which server it is
	 * @param home the unpacked distribution
	 * @return the running node
	 * @throws IOException when the folders cannot be prepared or the launcher not run
	 * @throws InterruptedException when interrupted while waiting
	 */
	static SearchNode start(SearchDistribution distribution, Path home) throws IOException, InterruptedException {
		Path nodes = nodesFolder(distribution);
		Files.createDirectories(nodes);
		removeNodesOfDeadJvms(distribution, nodes);
		boolean asRoot = runningAsRoot();
		Duration timeout = startTimeout(distribution);
		RuntimeException portsTaken = null;
		for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
			int[] ports = FreePorts.find(2);
			Path folder = Files.createTempDirectory(nodes, "node-" + ProcessHandle.current().pid() + "-");
			SearchNode node = Cleanup.register(distribution.displayName() + " node",
					new SearchNode(distribution, home, folder, ports[0], ports[1], asRoot, timeout));
			try {
				synchronized (node.lifecycle) {
					node.prepareFolder();
					node.run();
				}
				return node;
			}
			catch (PortTakenException ex) {
				log.warn("{} could not bind port {} or {}, retrying on others", distribution.displayName(), ports[0],
						ports[1]);
				node.close();
				portsTaken = ex;
			}
		}
		throw new IllegalStateException(
				distribution.displayName() + " could not bind its ports in " + PORT_ATTEMPTS + " attempts", portsTaken);
	}

	/**
	 * The launcher command line, without its environment
	 * ({@link #environment(SearchDistribution, Path)}).
	 * @param distribution which server it is
	 * @param home the unpacked distribution
	 * @param folder the node's own folder
	 * @param httpPort HTTP port
	 * @param transportPort transport port
	 * @param asRoot whether the test JVM runs as root
	 * @return the command and its arguments
	 */
	static List<String> command(SearchDistribution distribution, Path home, Path folder, int httpPort,
			int transportPort, boolean asRoot) {
		List<String> command = new ArrayList<>();
		if (asRoot) {
			// Elasticsearch and OpenSearch refuse to run as root. In a new user namespace
			// root's files belong to the mapped user, so the server can use them without
			// a chown.
			command.addAll(List.of("unshare", "--user", "--map-user=" + MAPPED_ID, "--map-group=" + MAPPED_ID, "--"));
		}
		command.add(home.resolve("bin").resolve(distribution.launcher()).toString());
		command.add("-p");
		command.add(folder.resolve(PID_FILE).toString());
		settings(distribution, folder, httpPort, transportPort).forEach((name, value) -> {
			command.add("-E");
			command.add(name + "=" + value);
		});
		return command;
	}

	static Map<String, String> settings(SearchDistribution distribution, Path folder, int httpPort, int transportPort) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("discovery.type", "single-node");
		settings.put("network.host", "127.0.0.1");
		settings.put("http.port", Integer.toString(httpPort));
		settings.put("transport.port", Integer.toString(transportPort));
		// The default off Windows, stated because a restart binds the same ports while
		// connections of the previous run may linger in TIME_WAIT.
		settings.put("network.tcp.reuse_address", "true");
		settings.putAll(distribution.ownSettings());
		// Test machines often have fuller disks than the default watermarks allow.
		settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
		// Tests clean up with wildcard deletes.
		settings.put("action.destructive_requires_name", "false");
		settings.put("path.data", folder.resolve("data").toString());
		settings.put("path.logs", folder.resolve("logs").toString());
		return settings;
	}

	static Map<String, String> environment(SearchDistribution distribution, Path folder) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(distribution.environment("JAVA_HOME"), System.getProperty("java.home"));
		environment.put(distribution.environment("PATH_CONF"), folder.resolve("config").toString());
		environment.put(distribution.environment("TMPDIR"), folder.resolve("tmp").toString());
		environment.put(distribution.environment("JAVA_OPTS"), "-Xms512m -Xmx512m");
		return environment;
	}

	/**
	 * Variables of the test JVM's environment the launcher must not see: they would
	 * change its JVM or where it looks for its files.
	 * @param distribution which server it is
	 * @return the variable names
	 */
	static List<String> ignoredEnvironment(SearchDistribution distribution) {
		List<String> ignored = new ArrayList<>(IGNORED_JVM_ENVIRONMENT);
		ignored.add(distribution.environment("HOME"));
		ignored.addAll(environment(distribution, Path.of("")).keySet());
		return ignored;
	}

	/**
	 * The node's HTTP address; it stays the same across restarts.
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	String url() {
		return this.url;
	}

	int httpPort() {
		return this.httpPort;
	}

	int transportPort() {
		return this.transportPort;
	}

	Path folder() {
		return this.folder;
	}

	/**
	 * Whether the server runs (it may still be starting or stopping).
	 * @return true when its launcher is alive
	 */
	boolean isRunning() {
		Process current = this.launcher.get();
		return current != null && current.isAlive();
	}

	/**
	 * Stop the server and keep its folder: SIGTERM, SIGKILL to what is left after 20 s.
	 * Returns once its processes have exited and its ports refuse connections. Does
	 * nothing when it is stopped.
	 * @throws InterruptedException when interrupted while waiting
	 * @throws IllegalStateException when a port still accepts connections after 10 s
	 */
	void stop() throws InterruptedException {
		synchronized (this.lifecycle) {
			long started = System.nanoTime();
			boolean wasRunning = this.launcher.get() != null;
			halt();
			awaitPortsClosed();
			if (wasRunning) {
				log.info("{} at {} stopped in {} ms", this.name, this.url, (System.nanoTime() - started) / 1_000_000);
			}
		}
	}

	/**
	 * Start the stopped server again on the same ports, with the same data, and wait
	 * until its cluster is at least yellow. Does nothing when it runs. When another
	 * process holds one of the ports, tries again a few times before giving up.
	 * @throws IOException when the launcher cannot be run
	 * @throws InterruptedException when interrupted while waiting
	 * @throws IllegalStateException when the node is closed, or the server does not get
	 * ready within the start timeout (the message carries the end of its log)
	 */
	void restart() throws IOException, InterruptedException {
		synchronized (this.lifecycle) {
			if (this.closed) {
				throw new IllegalStateException("The " + this.name + " node at " + this.url + " is closed");
			}
			if (isRunning()) {
				return;
			}
			// What is left of a run that ended by itself.
			halt();
			for (int attempt = 1;; attempt++) {
				try {
					run();
					return;
				}
				catch (PortTakenException ex) {
					if (attempt == RESTART_ATTEMPTS) {
						throw new IllegalStateException(this.name + " could not bind 127.0.0.1:" + this.httpPort
								+ " or 127.0.0.1:" + this.transportPort + " again in " + RESTART_ATTEMPTS
								+ " attempts: another process holds it; end of " + consoleLog() + ":\n"
								+ ex.getMessage(), ex);
					}
					log.warn("{} could not bind port {} or {} again, retrying in {}", this.name, this.httpPort,
							this.transportPort, RESTART_PAUSE);
					Thread.sleep(RESTART_PAUSE.toMillis());
				}
			}
		}
	}

	/**
	 * Stop the server (SIGTERM to the launcher, SIGKILL to what is left after 20 s) and
	 * delete its folder. Calling it again does nothing.
	 */
	@Override
	public void close() {
		this.closed = true;
		// Without the lock first, so that a start in progress ends at once.
		halt();
		synchronized (this.lifecycle) {
			halt();
			if (this.keepFolder) {
				return;
			}
			try {
				FileTrees.delete(this.folder);
			}
			catch (IOException ex) {
				log.warn("Could not delete {}: {}", this.folder, ex.toString());
			}
		}
	}

	private void prepareFolder() throws IOException {
		for (String name : List.of("data", "logs", "tmp")) {
			Files.createDirectories(this.folder.resolve(name));
		}
		FileTrees.copy(this.home.resolve("config"), this.folder.resolve("config"));
	}

	/**
	 * Run the launcher and wait until the server is ready. On failure no process of this
	 * run is left.
	 */
	private void run() throws IOException, InterruptedException {
		// A server that was killed leaves its pid file behind.
		Files.deleteIfExists(this.folder.resolve(PID_FILE));
		ProcessBuilder builder = new ProcessBuilder(
				command(this.distribution, this.home, this.folder, this.httpPort, this.transportPort, this.asRoot))
			.directory(this.folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
		ignoredEnvironment(this.distribution).forEach(builder.environment()::remove);
		builder.environment().putAll(environment(this.distribution, this.folder));
		long logStart = LogTail.size(consoleLog());
		log.info("Starting {} from {} on 127.0.0.1:{} (transport {}) in {}", this.name, this.home, this.httpPort,
				this.transportPort, this.folder);
		long started = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Could not run " + builder.command().get(0)
							+ (this.asRoot ? " (needed because " + this.name
									+ " refuses to run as root; it is part of util-linux)" : "")
							+ "; or set " + this.distribution.serverEnvironment() + " to a running server",
					ex);
		}
		this.launcher.set(process);
		try {
			if (this.closed) {
				throw new IllegalStateException(
						"The " + this.name + " node at " + this.url + " was closed while starting");
			}
			awaitReady(process, logStart);
		}
		catch (PortTakenException ex) {
			halt();
			throw ex;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			if (!this.closed) {
				// Keep the folder with its logs for a look; the next test JVM deletes it.
				this.keepFolder = true;
			}
			halt();
			throw ex;
		}
		log.info("{} ready at {} in {} ms", this.name, this.url, (System.nanoTime() - started) / 1_000_000);
	}

	private void awaitReady(Process process, long logStart) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			if (!process.isAlive()) {
				String tail = LogTail.of(consoleLog(), logStart);
				if (BIND_FAILURE.matcher(tail).find()) {
					throw new PortTakenException(tail);
				}
				throw new IllegalStateException(this.name + " exited with code " + process.exitValue()
						+ " before it was ready; end of " + consoleLog() + ":\n" + tail);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(this.name + " was not ready within " + this.timeout + " (set "
						+ this.distribution.startTimeoutProperty() + " to wait longer); end of " + consoleLog() + ":\n"
						+ LogTail.of(consoleLog(), logStart));
			}
			if (answers(http, "/_cluster/health?wait_for_status=yellow&timeout=1s", STATUS) != null
					&& isOurs(http, process)) {
				return;
			}
			Thread.sleep(250);
		}
	}

	/**
	 * Whether the server answering on our port is our own and not another that took the
	 * port first (our server then fails to bind and exits a moment later). The
	 * Elasticsearch launcher runs the server as a child; the OpenSearch launcher script
	 * (and {@code unshare} before it) replaces itself with the server.
	 */
	private boolean isOurs(HttpClient http, Process process) throws InterruptedException {
		String answered = answers(http, "/_nodes/_local/process?filter_path=nodes.*.process.id", PROCESS_ID);
		if (answered == null) {
			return false;
		}
		long pid = Long.parseLong(answered);
		return process.pid() == pid || process.descendants().anyMatch((child) -> child.pid() == pid);
	}

	/** Returns the first group of {@code pattern} in a 200 answer, else null. */
	private String answers(HttpClient http, String path, Pattern pattern) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			Matcher matcher = pattern.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? matcher.group(1) : null;
		}
		catch (IOException ex) {
			// Not listening yet.
			return null;
		}
	}

	/** Stop the processes of the current run, if there is one. */
	private void halt() {
		Process current = this.launcher.get();
		if (current == null) {
			return;
		}
		// Both get SIGTERM: until the server reports that it started, the launcher does
		// not pass a SIGTERM on.
		List<ProcessHandle> processes = processes(current);
		processes.forEach(ProcessHandle::destroy);
		if (!awaitExit(processes, STOP_TIMEOUT)) {
			log.warn("{} in {} did not stop within {}, killing it", this.name, this.folder, STOP_TIMEOUT);
			processes = processes(current);
			processes.forEach(ProcessHandle::destroyForcibly);
			awaitExit(processes, Duration.ofSeconds(5));
		}
		this.launcher.compareAndSet(current, null);
	}

	/** The launcher and the server (with anything else the launcher runs). */
	private List<ProcessHandle> processes(Process current) {
		List<ProcessHandle> processes = new ArrayList<>();
		processes.add(current.toHandle());
		current.descendants().forEach(processes::add);
		serverOf(this.folder).filter((server) -> !processes.contains(server)).ifPresent(processes::add);
		return processes;
	}

	/**
	 * The processes are gone once {@link #halt()} returns, and with them their listening
	 * sockets; this makes sure, and catches another process that took a port.
	 */
	private void awaitPortsClosed() throws InterruptedException {
		long deadline = System.nanoTime() + PORT_CLOSE_TIMEOUT.toNanos();
		while (FreePorts.accepts(this.httpPort) || FreePorts.accepts(this.transportPort)) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(this.name + " in " + this.folder + " stopped, but 127.0.0.1:"
						+ this.httpPort + " or 127.0.0.1:" + this.transportPort + " still accepts connections after "
						+ PORT_CLOSE_TIMEOUT + "; another process listens there");
			}
			Thread.sleep(100);
		}
	}

	private Path consoleLog() {
		return this.folder.resolve(CONSOLE_LOG);
	}

	private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle process : processes) {
			try {
				process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				return false;
			}
			catch (ExecutionException ex) {
				// onExit never completes exceptionally.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Stop and delete the nodes of test JVMs that ended without their shutdown hook (a
	 * kill -9, a crash), so that they do not hold memory and disk forever.
	 */
	private static void removeNodesOfDeadJvms(SearchDistribution distribution, Path nodes) throws IOException {
		List<Path> folders;
		try (Stream<Path> children = Files.list(nodes)) {
			folders = children.collect(Collectors.toList());
		}
		for (Path folder : folders) {
			Matcher matcher = NODE_FOLDER.matcher(folder.getFileName().toString());
			if (!matcher.matches()
					|| ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
				continue;
			}
			serverOf(folder).ifPresent((server) -> {
				log.warn("Killing {} (pid {}) left behind in {}", distribution.displayName(), server.pid(), folder);
				server.destroyForcibly();
				awaitExit(List.of(server), Duration.ofSeconds(10));
			});
			FileTrees.delete(folder);
		}
	}

	/** The server process of a node folder, if it still runs. */
	private static Optional<ProcessHandle> serverOf(Path folder) {
		try {
			long pid = Long.parseLong(Files.readString(folder.resolve(PID_FILE)).trim());
			// Its temporary folder is on its command line: this guards against a reused
			// pid.
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> process.info().commandLine().orElse("").contains(folder.toString()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static Path nodesFolder(SearchDistribution distribution) {
		return Path.of(System.getProperty("java.io.tmpdir"),
				"panopticon-" + distribution.launcher() + "-" + System.getProperty("user.name"));
	}

	private static Duration startTimeout(SearchDistribution distribution) {
		String configured = System.getProperty(distribution.startTimeoutProperty());
		return (configured != null && !configured.isBlank()) ? Duration.parse(configured) : DEFAULT_START_TIMEOUT;
	}

	static boolean runningAsRoot() throws InterruptedException {
		try {
			Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
			String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			id.waitFor();
			return "0".equals(uid);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The server failed to bind a port that was free a moment before. */
	private static final class PortTakenException extends RuntimeException {

		PortTakenException(String logTail) {
			super(logTail);
		}

	}

}

package io.panopticon.ingest.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest service as a separate JVM, as it runs in production, with its resident
 * memory read from {@code /proc}.
 */
final class IngestProcess implements AutoCloseable {

	/**
	 * Variables that would point the service at other servers or topics than the command
	 * line does (the service maps the original variables onto its properties).
	 */
	private static final List<String> CLEARED_VARIABLES = List.of("KAFKA_BROKERS", "KAFKA_BROKERS_LOCAL",
			"KAFKA_APM_SPAN_TOPIC", "KAFKA_APM_LOG_TOPIC", "KAFKA_APM_LOG_ERROR_TOPIC", "KAFKA_SSL",
			"KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "ELASTICSEARCH_NODE",
			"OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD", "PANOPTICON_INGEST_PORT", "PANOPTICON_JWT_PUBLIC_KEY",
			"SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_ELASTICSEARCH_URIS", "SPRING_APPLICATION_JSON");

	private final Process process;

	private final long started;

	private IngestProcess(Process process, long started) {
		this.process = process;
		this.started = started;
	}

	/**
	 * Starts the service.
	 * @param command the full command line, {@code java ... -jar ...}
	 * @param log where its output goes (replaced)
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static IngestProcess start(List<String> command, Path log) throws IOException {
		Files.createDirectories(log.toAbsolutePath().getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		Map<String, String> environment = builder.environment();
		CLEARED_VARIABLES.forEach(environment::remove);
		// The telemetry receivers' own listeners take free ports: the standard ones may
		// be
		// held by a local stack on the same machine.
		environment.put("PANOPTICON_OTLP_HTTP_PORT", "0");
		environment.put("PANOPTICON_OTLP_GRPC_PORT", "0");
		environment.put("PANOPTICON_ZIPKIN_PORT", "0");
		long started = System.nanoTime();
		return new IngestProcess(builder.start(), started);
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Nanoseconds since the process was started. */
	long elapsedNanos() {
		return System.nanoTime() - this.started;
	}

	/**
	 * Reads the resident set size now.
	 * @return kilobytes, or 0 when unknown (the process has gone, or no {@code /proc})
	 */
	long residentKb() {
		return status("VmRSS:");
	}

	/**
	 * Reads the largest resident set size the process has had (the kernel's high-water
	 * mark).
	 * @return kilobytes, or 0 when unknown
	 */
	long peakResidentKb() {
		return status("VmHWM:");
	}

	/**
	 * Reads the CPU time (user and system) the process has used so far.
	 * @return milliseconds, or 0 when unknown
	 */
	long cpuMillis() {
		return this.process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
	}

	/**
	 * Reads the CPU time (user and system) of the process's live threads so far, summed
	 * by what they do: the JIT compilers, the garbage collector (the serial collector
	 * runs in the VM thread), the Kafka listener threads ({@code ingest-*}), the main
	 * thread (Spring's start-up) and the rest. Threads that have ended are not counted.
	 * @return milliseconds per kind, empty when unknown
	 */
	Map<ThreadKind, Long> threadCpuMillis() {
		Map<ThreadKind, Long> millis = new EnumMap<>(ThreadKind.class);
		Path tasks = Path.of("/proc", Long.toString(pid()), "task");
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
			for (Path thread : threads) {
				try {
					String stat = Files.readString(thread.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					// After the name: state, then utime and stime as the 12th and 13th
					// fields, in clock ticks of 10 ms (USER_HZ, 100 on Linux).
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					millis.merge(ThreadKind.of(name), ticks * 10, Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			// Gone or not Linux: unknown.
		}
		return millis;
	}

	/** What a thread of the service does, told by its name. */
	enum ThreadKind {

		JIT, GC, CONSUMERS, MAIN, OTHER;

		static ThreadKind of(String name) {
			if (name.contains("CompilerThre")) {
				return JIT;
			}
			if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
				return GC;
			}
			if (name.startsWith("ingest-")) {
				return CONSUMERS;
			}
			// The main thread's name in /proc is the launcher's.
			return name.equals("java") ? MAIN : OTHER;
		}

	}

	private long status(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Gone or not Linux: unknown.
		}
		return 0;
	}

	/**
	 * Stops the service: SIGTERM, then SIGKILL if it has not exited in time.
	 * @param grace how long to wait after SIGTERM
	 * @throws InterruptedException if interrupted while waiting
	 */
	void stop(Duration grace) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	/** Stops the service if it still runs; an interrupt kills it at once. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			try {
				stop(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

}

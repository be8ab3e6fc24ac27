package io.panopticon.testing;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every benchmark tool: parses the options (exit status 2 and the
 * usage on a bad one, the usage alone for {@code --help}), runs the tool, and exits with
 * its status, or 1 when it failed.
 */
public final class BenchmarkMain {

	/**
	 * The JVM options of every service in the local stack ({@code infra/local/stack},
	 * where the same string is the default of {@code PANOPTICON_SERVICE_JAVA_OPTS}),
	 * which the benchmarks start their services with unless that variable says otherwise.
	 * The compile thresholds are five times (C1) and thirty times (C2) the JVM's: code
	 * that runs only while Spring starts is no longer compiled, which halves the CPU the
	 * JIT compilers take (docs/performance.md, "Later compilation").
	 */
	public static final String SERVICE_JAVA_OPTIONS = "-Xms64m -Xmx256m -XX:+UseSerialGC"
			+ " -XX:Tier3InvocationThreshold=1000 -XX:Tier3MinInvocationThreshold=500"
			+ " -XX:Tier3CompileThreshold=10000 -XX:Tier3BackEdgeThreshold=300000"
			+ " -XX:Tier4InvocationThreshold=150000 -XX:Tier4MinInvocationThreshold=18000"
			+ " -XX:Tier4CompileThreshold=450000 -XX:Tier4BackEdgeThreshold=1200000";

	private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

	private BenchmarkMain() {
	}

	/**
	 * Parses and runs a benchmark tool, then exits the JVM.
	 * @param <O> the options type
	 * @param name the tool's name, for error messages
	 * @param usage the usage text
	 * @param args the command-line arguments
	 * @param parser reads the options
	 * @param tool runs the tool
	 */
	public static <O> void run(String name, String usage, String[] args, Parser<O> parser, Tool<O> tool) {
		O options;
		try {
			options = parser.parse(List.of(args), System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(name + ": " + ex.getMessage());
			System.err.print(usage);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.print(usage);
			return;
		}
		int status;
		try {
			status = tool.run(options);
		}
		catch (Exception | Error ex) {
			log.error("{} failed", name, ex);
			status = 1;
		}
		// Exit explicitly, also after a failure: an in-JVM Kafka broker keeps non-daemon
		// threads; the shutdown hooks of the test servers stop what was started.
		System.exit(status);
	}

	/**
	 * The JVM options of a service a benchmark starts.
	 * @param environment the environment variables
	 * @return {@code PANOPTICON_SERVICE_JAVA_OPTS}, else {@link #SERVICE_JAVA_OPTIONS}
	 */
	public static String serviceJavaOptions(Map<String, String> environment) {
		return environment.getOrDefault("PANOPTICON_SERVICE_JAVA_OPTS", SERVICE_JAVA_OPTIONS);
	}

	/**
	 * Reads a tool's options.
	 *
	 * @param <O> the options type
	 */
	@FunctionalInterface
	public interface Parser<O> {

		/**
		 * Reads the options.
		 * @param args the command-line arguments
		 * @param environment the environment variables
		 * @return the options, or {@code null} when only the usage is asked for
		 * @throws IllegalArgumentException naming what is wrong
		 */
		O parse(List<String> args, Map<String, String> environment);

	}

	/**
	 * Runs a tool.
	 *
	 * @param <O> the options type
	 */
	@FunctionalInterface
	public interface Tool<O> {

		/**
		 * Runs the tool.
		 * @param options its options
		 * @return the exit status
		 * @throws Exception when it failed
		 */
		int run(O options) throws Exception;

	}

}

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

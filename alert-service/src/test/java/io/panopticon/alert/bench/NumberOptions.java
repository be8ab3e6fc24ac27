package io.panopticon.alert.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of alert-service's benchmarks: options of the form {@code --name N}, N
 * a whole number, and {@code --help}.
 */
final class NumberOptions {

	private NumberOptions() {
	}

	/**
	 * Reads the options.
	 * @param args the command line
	 * @param minimum the smallest value any option takes
	 * @param names the options the benchmark knows
	 * @return the value of each option given, or {@code null} when help was asked for
	 * @throws IllegalArgumentException when an option is unknown, or its value is
	 * missing, not a whole number or below the minimum
	 */
	static Map<String, Integer> read(List<String> args, int minimum, String... names) {
		Set<String> known = Set.of(names);
		Map<String, Integer> given = new HashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals("--help") || arg.equals("-h")) {
				return null;
			}
			if (i + 1 >= args.size()) {
				throw new IllegalArgumentException(arg + " needs a value");
			}
			int value;
			try {
				value = Integer.parseInt(args.get(++i));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(arg + " must be a whole number");
			}
			if (value < minimum) {
				throw new IllegalArgumentException(arg + " must be at least " + minimum);
			}
			if (!known.contains(arg)) {
				throw new IllegalArgumentException("unknown option " + arg);
			}
			given.put(arg, value);
		}
		return given;
	}

}

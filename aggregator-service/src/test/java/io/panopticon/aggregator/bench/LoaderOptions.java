package io.panopticon.aggregator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The options of {@link RollupDataLoader}.
 *
 * @param elasticsearch the Elasticsearch URL, or {@code null} to start a throwaway node
 * @param spans how many spans to load
 * @param days over how many days before {@code end}
 * @param end the end of the loaded time range
 * @param seed the traffic model's seed
 * @param connections concurrent {@code _bulk} requests
 * @param rollup whether to run the aggregator's catch-up after loading
 * @param chunkSpans the aggregator's span budget per unit of work
 * @param force whether to load although the free disk looks too small
 * @param diskPath where the free disk is checked
 */
record LoaderOptions(String elasticsearch, long spans, int days, Instant end, long seed, int connections,
		boolean rollup, long chunkSpans, boolean force, Path diskPath) {

	static final String USAGE = """
			Usage: infra/bench/rollup-data-loader [OPTIONS]

			  --es URL             Elasticsearch to load into (default $PANOPTICON_TEST_ES; without either, a
			                       throwaway node is started from the Maven repository and deleted at the end)
			  --spans N            spans to load (default 10000000)
			  --days N             spread over the N days before --end (default 7)
			  --end ISO-INSTANT    end of the loaded range (default: now, to the minute)
			  --seed N             seed of the sample traffic model (default 20261122)
			  --connections N      concurrent _bulk requests (default 2)
			  --chunk-spans N      the aggregator's span budget per unit of work (default 100000)
			  --skip-rollup        load only; leave the roll-up to a running aggregator
			  --disk-path DIR      where to check for free disk (default: the user's home, where the test
			                       node and the local stack keep their data)
			  --force              load even when the free disk looks too small

			Spans are those of the demo module's sample traffic model, written with ingest-service's
			document writer, index names, ids and index template. After loading, the aggregator's
			catch-up rolls up every minute of the range (with a catch-up horizon covering it) and the
			times are printed.
			""";

	/**
	 * Parses the arguments.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the options, or {@code null} when help was asked for
	 * @throws IllegalArgumentException if an argument is wrong
	 */
	static LoaderOptions parse(List<String> args, Map<String, String> environment) {
		String elasticsearch = environment.get("PANOPTICON_TEST_ES");
		long spans = 10_000_000;
		int days = 7;
		Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		long seed = 20261122;
		int connections = 2;
		boolean rollup = true;
		long chunkSpans = 100_000;
		boolean force = false;
		Path diskPath = Path.of(System.getProperty("user.home"));
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--help", "-h" -> {
					return null;
				}
				case "--es" -> elasticsearch = value(args, ++i, arg);
				case "--spans" -> spans = positive(value(args, ++i, arg), arg);
				case "--days" -> days = (int) positive(value(args, ++i, arg), arg);
				case "--end" -> end = Instant.parse(value(args, ++i, arg));
				case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
				case "--connections" -> connections = (int) positive(value(args, ++i, arg), arg);
				case "--chunk-spans" -> chunkSpans = positive(value(args, ++i, arg), arg);
				case "--skip-rollup" -> rollup = false;
				case "--disk-path" -> diskPath = Path.of(value(args, ++i, arg));
				case "--force" -> force = true;
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		return new LoaderOptions((elasticsearch == null || elasticsearch.isBlank()) ? null : elasticsearch, spans, days,
				end, seed, connections, rollup, chunkSpans, force, diskPath);
	}

	Instant start() {
		return this.end.minus(Duration.ofDays(this.days));
	}

	private static String value(List<String> args, int index, String option) {
		if (index >= args.size()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args.get(index);
	}

	private static long positive(String value, String option) {
		long number;
		try {
			number = Long.parseLong(value.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " must be a number, not " + value);
		}
		if (number < 1) {
			throw new IllegalArgumentException(option + " must be positive, not " + value);
		}
		return number;
	}

}

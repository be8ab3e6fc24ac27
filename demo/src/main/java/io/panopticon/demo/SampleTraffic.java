package io.panopticon.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.common.storage.Topics;

/**
 * Sends a continuous stream of realistic sample traffic (see {@link TrafficModel}) to
 * Kafka in the Kafka JSON format: span records keyed by trace id, each a JSON array with
 * the spans of one trace, and log records keyed by service name, each a JSON array with
 * one service's log events of one trace. A plain Java program, no Spring; run it from the
 * demo module's executable jar (or through {@code infra/local/demo.sh}):
 *
 * <pre>
 * java -jar demo/target/panopticon-demo-0.1.0-SNAPSHOT-exec.jar --rate 200
 * </pre>
 *
 * Prints a summary line to standard error every ten seconds. Stops after
 * {@code --duration}, or on SIGTERM or Ctrl-C, after flushing what it has sent.
 */
public final class SampleTraffic {

	static final String USAGE = """
			Usage: java -jar panopticon-demo-0.1.0-SNAPSHOT-exec.jar [OPTIONS]

			Sends realistic sample spans and logs to Kafka until stopped.

			  --brokers HOST:PORT[,...]  Kafka bootstrap servers (default: $KAFKA_BROKERS, else 127.0.0.1:9092)
			  --rate SPANS_PER_SECOND    spans per second, logs come on top (default: 200)
			  --duration DURATION        how long to run: 90s, 10m, 2h, PT5M or plain seconds (default: until stopped)
			  --spans-topic TOPIC        (default: $KAFKA_APM_SPAN_TOPIC, else apm.spans)
			  --logs-topic TOPIC         (default: $KAFKA_APM_LOG_TOPIC, else apm.logs)
			  --seed N                   the same seed gives the same traces and ids (default: random)
			  --help                     this text
			""";

	private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final Options options;

	private final Logger log;

	private final AtomicLong spansAcknowledged = new AtomicLong();

	private final AtomicLong logsAcknowledged = new AtomicLong();

	private final AtomicLong recordsFailed = new AtomicLong();

	private final AtomicBoolean stopping = new AtomicBoolean();

	private final CountDownLatch finished = new CountDownLatch(1);

	private SampleTraffic(Options options) {
		this.options = options;
		this.log = LoggerFactory.getLogger(SampleTraffic.class);
	}

	public static void main(String[] args) {
		// Before the first logger exists: the jar has no logback.xml of its own (it would
		// also configure the tests and benchmarks that use these classes), and logback's
		// default is DEBUG for all.
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "io/panopticon/demo/sample-traffic-logback.xml");
		}
		Options options;
		try {
			options = Options.parse(List.of(args), System::getenv);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("sample traffic: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.err.print(USAGE);
			return;
		}
		int status = new SampleTraffic(options).run();
		if (status != 0) {
			System.exit(status);
		}
	}

	/**
	 * Sends until the duration is up or the JVM is asked to stop.
	 * @return the exit status: 0, or 1 when records could not be sent
	 */
	private int run() {
		this.log.info("Sending sample traffic to {} (spans to {}, logs to {}) at {} spans/s, seed {}, {}",
				this.options.brokers(), this.options.spansTopic(), this.options.logsTopic(), this.options.rate(),
				this.options.seed(),
				(this.options.duration() != null) ? "for " + this.options.duration() : "until stopped");
		KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(this.options.brokers()));
		try {
			// Fails within max.block.ms when Kafka cannot be reached or a topic is
			// missing.
			producer.partitionsFor(this.options.spansTopic());
			producer.partitionsFor(this.options.logsTopic());
		}
		catch (KafkaException ex) {
			this.log.error("Cannot send to Kafka at {}: {}", this.options.brokers(), ex.getMessage());
			producer.close(Duration.ZERO);
			return 1;
		}
		// From here on, SIGTERM and Ctrl-C end the loop and wait for the flush below.
		Thread sender = Thread.currentThread();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.stopping.set(true);
			sender.interrupt();
			awaitFinished();
		}, "sample-traffic-shutdown"));
		long started = System.nanoTime();
		try {
			send(producer, started);
		}
		catch (InterruptException ex) {
			// Interrupted inside send() by the shutdown hook.
		}
		finally {
			// A pending interrupt would abort the flush.
			Thread.interrupted();
			producer.close(CLOSE_TIMEOUT);
			double seconds = (System.nanoTime() - started) / 1e9;
			this.log.info("Stopped after {} s: {} spans and {} logs sent ({} spans/s), {} records failed",
					Math.round(seconds), this.spansAcknowledged.get(), this.logsAcknowledged.get(),
					perSecond(this.spansAcknowledged.get(), seconds), this.recordsFailed.get());
			this.finished.countDown();
		}
		return (this.recordsFailed.get() == 0) ? 0 : 1;
	}

	private void send(KafkaProducer<String, byte[]> producer, long started) {
		TrafficModel model = new TrafficModel(this.options.seed(), Clock.systemUTC());
		// A burst of a tenth of a second, but always room for the largest trace.
		TokenBucket bucket = new TokenBucket(this.options.rate(),
				Math.max(TrafficModel.MAX_SPANS, this.options.rate() / 10), System::nanoTime,
				TimeUnit.NANOSECONDS::sleep);
		long deadline = (this.options.duration() != null) ? started + this.options.duration().toNanos() : 0;
		long nextReport = started + REPORT_INTERVAL.toNanos();
		long reportedSpans = 0;
		long reportedLogs = 0;
		long reportedAt = started;
		while (!this.stopping.get() && (deadline == 0 || System.nanoTime() - deadline < 0)) {
			Trace trace = model.next();
			try {
				bucket.acquire(trace.spans().size());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			int spans = trace.spans().size();
			producer.send(new ProducerRecord<>(this.options.spansTopic(), trace.traceId(), trace.spansRecord()),
					acknowledge(this.spansAcknowledged, spans));
			for (Map.Entry<String, byte[]> logs : trace.logRecordsByService().entrySet()) {
				int count = countItems(trace, logs.getKey());
				producer.send(new ProducerRecord<>(this.options.logsTopic(), logs.getKey(), logs.getValue()),
						acknowledge(this.logsAcknowledged, count));
			}
			long now = System.nanoTime();
			if (now - nextReport >= 0) {
				long spansNow = this.spansAcknowledged.get();
				long logsNow = this.logsAcknowledged.get();
				double seconds = (now - reportedAt) / 1e9;
				this.log.info("Sent {} spans ({}/s) and {} logs ({}/s) in the last {} s; {} spans, {} logs in total{}",
						spansNow - reportedSpans, perSecond(spansNow - reportedSpans, seconds), logsNow - reportedLogs,
						perSecond(logsNow - reportedLogs, seconds), Math.round(seconds), spansNow, logsNow,
						(this.recordsFailed.get() > 0) ? "; " + this.recordsFailed.get() + " records failed" : "");
				reportedSpans = spansNow;
				reportedLogs = logsNow;
				reportedAt = now;
				nextReport = now + REPORT_INTERVAL.toNanos();
			}
		}
	}

	private static int countItems(Trace trace, String service) {
		int count = 0;
		for (var event : trace.logs()) {
			if (event.serviceName().equals(service)) {
				count++;
			}
		}
		return count;
	}

	private Callback acknowledge(AtomicLong counter, int items) {
		return (metadata, exception) -> {
			if (exception == null) {
				counter.addAndGet(items);
			}
			else if (this.recordsFailed.getAndIncrement() == 0) {
				// Once: the summary lines carry the count from then on.
				this.log.warn("Kafka did not accept a record: {}", exception.toString());
			}
		};
	}

	private void awaitFinished() {
		try {
			if (!this.finished.await(CLOSE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
				this.log.warn("Gave up waiting for the producer to flush");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String perSecond(long count, double seconds) {
		return String.format(Locale.ROOT, "%.1f", (seconds > 0) ? count / seconds : 0.0);
	}

	static Properties producerProperties(String brokers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, "panopticon-sample-traffic");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		// Fail within seconds, not the default minute, when Kafka is not there.
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
		return properties;
	}

	/**
	 * The command line.
	 *
	 * @param brokers Kafka bootstrap servers
	 * @param rate spans per second
	 * @param duration how long to run, or {@code null} for "until stopped"
	 * @param spansTopic the topic span records go to
	 * @param logsTopic the topic log records go to
	 * @param seed the model's seed
	 */
	record Options(String brokers, double rate, Duration duration, String spansTopic, String logsTopic, long seed) {

		private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

		/**
		 * Reads the command line; options the line does not give come from the
		 * environment, then from the defaults.
		 * @param args the arguments, as {@code --name value} or {@code --name=value}
		 * @param environment looks environment variables up
		 * @return the options, or {@code null} when help was asked for
		 * @throws IllegalArgumentException naming what is wrong with the line
		 */
		static Options parse(List<String> args, Function<String, String> environment) {
			String brokers = orDefault(environment.apply("KAFKA_BROKERS"), "127.0.0.1:9092");
			double rate = 200;
			Duration duration = null;
			String spansTopic = orDefault(environment.apply("KAFKA_APM_SPAN_TOPIC"), Topics.SPANS);
			String logsTopic = orDefault(environment.apply("KAFKA_APM_LOG_TOPIC"), Topics.LOGS);
			long seed = ThreadLocalRandom.current().nextLong();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				if (arg.equals("--help") || arg.equals("-h")) {
					return null;
				}
				String name = arg;
				String value;
				int equals = arg.indexOf('=');
				if (arg.startsWith("--") && equals > 0) {
					name = arg.substring(0, equals);
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.size()) {
					value = args.get(++i);
				}
				else {
					throw new IllegalArgumentException(arg + " needs a value");
				}
				switch (name) {
					case "--brokers" -> brokers = requireText(name, value);
					case "--rate" -> rate = parseRate(value);
					case "--duration" -> duration = parseDuration(value);
					case "--spans-topic" -> spansTopic = requireText(name, value);
					case "--logs-topic" -> logsTopic = requireText(name, value);
					case "--seed" -> seed = parseSeed(value);
					default -> throw new IllegalArgumentException("unknown option " + name);
				}
			}
			return new Options(brokers, rate, duration, spansTopic, logsTopic, seed);
		}

		private static String orDefault(String value, String fallback) {
			return (value != null && !value.isBlank()) ? value.trim() : fallback;
		}

		private static String requireText(String name, String value) {
			if (value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be empty");
			}
			return value.trim();
		}

		private static double parseRate(String value) {
			try {
				double rate = Double.parseDouble(value);
				if (rate > 0 && rate <= 1_000_000) {
					return rate;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(
					"--rate must be a number of spans per second between 0 and 1000000, not '" + value + "'");
		}

		static Duration parseDuration(String value) {
			Duration duration = null;
			Matcher matcher = SHORT_DURATION.matcher(value.trim());
			try {
				if (matcher.matches()) {
					long amount = Long.parseLong(matcher.group(1));
					String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
					duration = switch (unit) {
						case "ms" -> Duration.ofMillis(amount);
						case "m" -> Duration.ofMinutes(amount);
						case "h" -> Duration.ofHours(amount);
						default -> Duration.ofSeconds(amount);
					};
				}
				else {
					duration = Duration.parse(value.trim());
				}
			}
			catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
				// reported below
			}
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(
						"--duration must be positive, such as 90s, 10m, 2h, PT5M or plain seconds, not '" + value
								+ "'");
			}
			return duration;
		}

		private static long parseSeed(String value) {
			try {
				return Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--seed must be an integer, not '" + value + "'");
			}
		}

	}

}

package io.panopticon.ingest;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest pipeline ({@code panopticon.ingest.*}).
 *
 * @param bulk how spans and logs are batched into Elasticsearch {@code _bulk} requests
 * @param consumer how spans and logs are read from Kafka
 * @param maxRecordSize the largest Kafka record value accepted; larger ones are
 * dead-lettered
 * @param maxFutureSkew how far in the future an item's time may be before it is
 * dead-lettered
 * @param maxSpanDuration the longest duration a span may have; a longer one is
 * dead-lettered, or refused by the receivers, naming {@code durationMicros}
 * @param throughput the periodic throughput log line
 * @param index settings of the span and log indices, applied through their index
 * templates
 * @param maxEndpointsPerService the most distinct endpoint names one service may have
 * (per ingest instance); beyond it, new names are stored as {@code _other}
 * @param maxServices the most services whose endpoints are tracked each on their own (per
 * ingest instance); the endpoints of the services beyond share one list, {@code _other},
 * so that a sender inventing service names cannot grow the memory
 */
@ConfigurationProperties("panopticon.ingest")
public record IngestProperties(@DefaultValue Bulk bulk, @DefaultValue Consumer consumer,
		@DefaultValue("1MB") DataSize maxRecordSize, @DefaultValue("1d") Duration maxFutureSkew,
		@DefaultValue("24h") Duration maxSpanDuration, @DefaultValue Throughput throughput, @DefaultValue Index index,
		@DefaultValue("1000") int maxEndpointsPerService, @DefaultValue("1000") int maxServices) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public IngestProperties {
		SettingChecks.positive(maxRecordSize, "panopticon.ingest.max-record-size");
		SettingChecks.positive(maxFutureSkew, "panopticon.ingest.max-future-skew");
		SettingChecks.positive(maxSpanDuration, "panopticon.ingest.max-span-duration");
		SettingChecks.positive(maxEndpointsPerService, "panopticon.ingest.max-endpoints-per-service");
		SettingChecks.positive(maxServices, "panopticon.ingest.max-services");
	}

	/**
	 * How the items of one batch (one Kafka poll, see {@link Consumer}) are written: as
	 * soon as the poll returns, in {@code _bulk} requests of at most {@code batchSize}
	 * items and {@code batchBytes} bytes. Items never wait in a buffer for a timer: how
	 * long a batch gathers is the broker's fetch wait, {@code flushInterval}.
	 *
	 * @param batchSize items per bulk request ({@code BULK_BATCH_SIZE})
	 * @param batchBytes bytes per bulk request ({@code BULK_BATCH_BYTES_MB}); an item
	 * larger than this goes alone
	 * @param flushInterval the longest the broker holds a fetch while it gathers
	 * {@code consumer.fetch-min-bytes} (Kafka's {@code fetch.max.wait.ms}): the longest a
	 * record waits before its batch is written when traffic is light
	 * ({@code BULK_FLUSH_INTERVAL_MS})
	 * @param maxParallelFlushes bulk requests in flight at once, across all consumer
	 * threads ({@code BULK_MAX_PARALLEL_FLUSHES})
	 * @param maxAttempts how often a bulk item failing transiently is sent before the
	 * batch is left uncommitted and retried later
	 * @param retryBackoff the wait before the first resend, doubling up to
	 * maxRetryBackoff
	 * @param maxRetryBackoff the longest wait between resends
	 */
	public record Bulk(@DefaultValue("5000") int batchSize, @DefaultValue("5MB") DataSize batchBytes,
			@DefaultValue("200ms") Duration flushInterval, @DefaultValue("2") int maxParallelFlushes,
			@DefaultValue("5") int maxAttempts, @DefaultValue("200ms") Duration retryBackoff,
			@DefaultValue("5s") Duration maxRetryBackoff) {

		/**
		 * Checks the settings.
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public Bulk {
			SettingChecks.positive(batchSize, "panopticon.ingest.bulk.batch-size");
			SettingChecks.positive(batchBytes, "panopticon.ingest.bulk.batch-bytes");
			SettingChecks.positive(flushInterval, "panopticon.ingest.bulk.flush-interval");
			SettingChecks.require(flushInterval.toMillis() <= Integer.MAX_VALUE,
					"panopticon.ingest.bulk.flush-interval must be below 24 days, not " + flushInterval);
			SettingChecks.positive(maxParallelFlushes, "panopticon.ingest.bulk.max-parallel-flushes");
			SettingChecks.positive(maxAttempts, "panopticon.ingest.bulk.max-attempts");
			SettingChecks.positive(retryBackoff, "panopticon.ingest.bulk.retry-backoff");
			SettingChecks.require(maxRetryBackoff.compareTo(retryBackoff) >= 0,
					"panopticon.ingest.bulk.max-retry-backoff must be at least retry-backoff, not " + maxRetryBackoff);
		}

	}

	/**
	 * How spans and logs are read from Kafka. Each poll is one batch: it is stored whole,
	 * then its offsets are committed.
	 *
	 * @param concurrency consumer threads per topic; partitions are shared among them and
	 * among instances of the same group
	 * @param maxPollRecords the most records one poll (one batch) returns
	 * @param fetchMinBytes how much data the broker gathers before answering a fetch,
	 * waiting at most the bulk flush interval
	 * @param retryBackoff the pause before a batch that failed (storage or Kafka
	 * unavailable) is polled and stored again, doubling after each failure up to
	 * maxRetryBackoff; such a batch is retried until it is stored, never skipped
	 * @param maxRetryBackoff the longest pause between attempts at a failed batch
	 */
	public record Consumer(@DefaultValue("2") int concurrency, @DefaultValue("2500") int maxPollRecords,
			@DefaultValue("1MB") DataSize fetchMinBytes, @DefaultValue("500ms") Duration retryBackoff,
			@DefaultValue("10s") Duration maxRetryBackoff) {

		/**
		 * Checks the settings.
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public Consumer {
			SettingChecks.positive(concurrency, "panopticon.ingest.consumer.concurrency");
			SettingChecks.positive(maxPollRecords, "panopticon.ingest.consumer.max-poll-records");
			SettingChecks.positive(fetchMinBytes, "panopticon.ingest.consumer.fetch-min-bytes");
			SettingChecks.require(fetchMinBytes.toBytes() <= Integer.MAX_VALUE,
					"panopticon.ingest.consumer.fetch-min-bytes must be below 2GB, not " + fetchMinBytes);
			SettingChecks.positive(retryBackoff, "panopticon.ingest.consumer.retry-backoff");
			SettingChecks.require(maxRetryBackoff.compareTo(retryBackoff) >= 0,
					"panopticon.ingest.consumer.max-retry-backoff must be at least retry-backoff, not "
							+ maxRetryBackoff);
		}

	}

	/**
	 * @param batchSize log a line after this many more items; 0 or less turns the log off
	 * ({@code STREAM_THROUGHPUT_BATCH_SIZE})
	 * @param minInterval at most one line per interval
	 * ({@code STREAM_THROUGHPUT_MIN_INTERVAL_MS})
	 * @param targetCount when positive, the line shows the time left until this many
	 * items ({@code STREAM_THROUGHPUT_TARGET_COUNT})
	 */
	public record Throughput(@DefaultValue("5000") long batchSize, @DefaultValue("10s") Duration minInterval,
			@DefaultValue("0") long targetCount) {

		/**
		 * Checks the settings.
		 * @throws IllegalArgumentException if the interval is negative
		 */
		public Throughput {
			SettingChecks.notNegative(minInterval, "panopticon.ingest.throughput.min-interval");
		}

	}

	/**
	 * Settings of the {@code traces-apm-*} and {@code logs-apm-*} indices. They go into
	 * the index templates, so a change applies from the next daily index on.
	 *
	 * @param replicas replicas per shard; 0 keeps a single-node cluster green, use 1 or
	 * more on a real cluster
	 * @param refreshInterval how soon indexed documents become searchable; a negative
	 * value disables periodic refresh. The default is 5 s rather than Elasticsearch's 1 s
	 * because every refresh writes a new segment that must later be merged: fewer
	 * refreshes leave more of the node to indexing, which is what ingest throughput is
	 * bounded by, while new spans still show within seconds
	 */
	public record Index(@DefaultValue("0") int replicas, @DefaultValue("5s") Duration refreshInterval) {

		/**
		 * Checks the settings.
		 * @throws IllegalArgumentException if replicas is negative
		 */
		public Index {
			SettingChecks.require(replicas >= 0,
					"panopticon.ingest.index.replicas must not be negative, not " + replicas);
			SettingChecks.require(refreshInterval != null, "panopticon.ingest.index.refresh-interval must be set");
		}

	}

}

package io.panopticon.ingest;

import java.time.Duration;

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
 * @param throughput the periodic throughput log line
 * @param index settings of the span and log indices, applied through their index
 * templates
 * @param maxEndpointsPerService the most distinct endpoint names one service may have
 * (per ingest instance); beyond it, new names are stored as {@code _other}
 */
@ConfigurationProperties("panopticon.ingest")
public record IngestProperties(@DefaultValue Bulk bulk, @DefaultValue Consumer consumer,
		@DefaultValue("1MB") DataSize maxRecordSize, @DefaultValue("1d") Duration maxFutureSkew,
		@DefaultValue Throughput throughput, @DefaultValue Index index,
		@DefaultValue("1000") int maxEndpointsPerService) {

	/**
	 * A batch is flushed when it reaches {@code batchSize} items or {@code batchBytes},
	 * or when its oldest item has waited {@code flushInterval}, whichever comes first.
	 *
	 * @param batchSize items per bulk request ({@code BULK_BATCH_SIZE})
	 * @param batchBytes bytes per bulk request ({@code BULK_BATCH_BYTES_MB})
	 * @param flushInterval the longest an item waits in a batch
	 * ({@code BULK_FLUSH_INTERVAL_MS})
	 * @param maxParallelFlushes bulk requests in flight at once
	 * ({@code BULK_MAX_PARALLEL_FLUSHES})
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
	}

	/**
	 * @param concurrency consumer threads per topic; partitions are shared among them and
	 * among instances of the same group
	 * @param maxPollRecords the most records one poll (one batch) returns
	 * @param fetchMinBytes how much data the broker gathers before answering a fetch,
	 * waiting at most the bulk flush interval
	 */
	public record Consumer(@DefaultValue("2") int concurrency, @DefaultValue("2500") int maxPollRecords,
			@DefaultValue("1MB") DataSize fetchMinBytes) {
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
	}

}

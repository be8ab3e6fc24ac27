package io.panopticon.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest pipeline ({@code panopticon.ingest.*}).
 *
 * @param bulk how spans and logs are batched into Elasticsearch {@code _bulk} requests
 */
@ConfigurationProperties("panopticon.ingest")
public record IngestProperties(@DefaultValue Bulk bulk) {

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
	 */
	public record Bulk(@DefaultValue("500") int batchSize, @DefaultValue("5MB") DataSize batchBytes,
			@DefaultValue("200ms") Duration flushInterval, @DefaultValue("2") int maxParallelFlushes) {
	}

}

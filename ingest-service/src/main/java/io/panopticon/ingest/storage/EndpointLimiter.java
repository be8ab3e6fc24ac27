package io.panopticon.ingest.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.common.telemetry.Span;
import io.panopticon.storage.SpanDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the number of distinct endpoint names per service, so that a client that puts ids
 * into span names (such as {@code GET /orders/12345}) cannot blow up the rollups and the
 * endpoint lists: the first {@code maxPerService} names a service uses are kept, and
 * every later new name is replaced by {@link #OTHER} and counted in
 * {@value #OVERFLOW_METRIC} (tag {@code service}).
 * <p>
 * The cap is held in memory per ingest instance and forgotten on restart: with several
 * instances, or after a restart, a service may end up with more than
 * {@code maxPerService} names in storage (at most instances × cap), and which names are
 * kept depends on arrival order. That bounds cardinality well enough to protect the
 * rollups; an exact global cap would need coordination on the hot path.
 * <p>
 * Thread-safe. A known name costs two hash lookups without locking; only the first
 * sighting of a new name, while the service is below its cap, takes a per-service lock.
 */
public final class EndpointLimiter {

	/** The endpoint that stands for every name beyond a service's cap. */
	public static final String OTHER = SpanDocuments.OTHER_ENDPOINT;

	/** The counter of spans whose endpoint became {@link #OTHER}. */
	public static final String OVERFLOW_METRIC = "panopticon.ingest.endpoints.overflow";

	private static final Logger log = LoggerFactory.getLogger(EndpointLimiter.class);

	private final int maxPerService;

	private final MeterRegistry registry;

	private final ConcurrentMap<String, ServiceEndpoints> services = new ConcurrentHashMap<>();

	/**
	 * Creates a limiter.
	 * @param maxPerService the most distinct endpoint names a service may have, at least
	 * 1
	 * @param registry where the overflow counter is registered
	 * @throws IllegalArgumentException if {@code maxPerService} is less than 1
	 */
	public EndpointLimiter(int maxPerService, MeterRegistry registry) {
		if (maxPerService < 1) {
			throw new IllegalArgumentException("max-endpoints-per-service must be at least 1, not " + maxPerService);
		}
		this.maxPerService = maxPerService;
		this.registry = registry;
	}

	/**
	 * Returns the endpoint to store for a span: {@link SpanDocuments#endpointOf(Span)}
	 * under the cap of its service.
	 * @param span the span
	 * @return the endpoint, or {@link #OTHER}
	 */
	public String endpointFor(Span span) {
		return admit(span.serviceName(), SpanDocuments.endpointOf(span));
	}

	/**
	 * Returns {@code endpoint} if the service already uses it or is below its cap (then
	 * the name counts towards the cap from now on), else {@link #OTHER}.
	 * @param service the service name
	 * @param endpoint the endpoint name
	 * @return {@code endpoint} or {@link #OTHER}
	 */
	public String admit(String service, String endpoint) {
		ServiceEndpoints endpoints = this.services.get(service);
		if (endpoints == null) {
			endpoints = this.services.computeIfAbsent(service, ServiceEndpoints::new);
		}
		return endpoints.admit(endpoint);
	}

	private final class ServiceEndpoints {

		private final String service;

		private final Set<String> names = ConcurrentHashMap.newKeySet();

		private final Counter overflow;

		/**
		 * Set once the cap is reached, so that overflowing names, which can be every span
		 * of a misbehaving client, skip the lock.
		 */
		private volatile boolean full;

		ServiceEndpoints(String service) {
			this.service = service;
			this.overflow = Counter.builder(OVERFLOW_METRIC)
				.description("Spans whose endpoint was stored as " + OTHER
						+ " because their service has too many distinct endpoints")
				.tag("service", service)
				.register(EndpointLimiter.this.registry);
		}

		String admit(String endpoint) {
			if (this.names.contains(endpoint) || (!this.full && add(endpoint))) {
				return endpoint;
			}
			this.overflow.increment();
			return OTHER;
		}

		private synchronized boolean add(String endpoint) {
			if (this.names.contains(endpoint)) {
				return true;
			}
			if (this.full) {
				return false;
			}
			this.names.add(endpoint);
			if (this.names.size() >= EndpointLimiter.this.maxPerService) {
				this.full = true;
				log.warn("Service {} reached {} distinct endpoints; new endpoint names are stored as {}", this.service,
						EndpointLimiter.this.maxPerService, OTHER);
			}
			return true;
		}

	}

}

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
 * {@value #OVERFLOW_METRIC}.
 * <p>
 * The number of services tracked is capped too, since any sender can invent service
 * names: the first {@code maxServices} services get a list of their own; the services
 * beyond share one list, {@link #OTHER}, under the same cap per list, and their spans are
 * counted in {@value #SERVICES_OVERFLOW_METRIC}. Memory is thus bounded by
 * {@code (maxServices + 1) × maxPerService} names, whatever the senders do. Service names
 * themselves are always stored unchanged.
 * <p>
 * The caps are held in memory per ingest instance and forgotten on restart: with several
 * instances, or after a restart, a service may end up with more than
 * {@code maxPerService} names in storage (at most instances × cap), and which names are
 * kept depends on arrival order. That bounds cardinality well enough to protect the
 * rollups; an exact global cap would need coordination on the hot path.
 * <p>
 * Thread-safe. A known name costs two hash lookups without locking; only the first
 * sighting of a new service while below the service cap, or of a new name while its
 * service is below its cap, takes a lock.
 */
public final class EndpointLimiter {

	/**
	 * The endpoint that stands for every name beyond a service's cap, and the list shared
	 * by the services beyond the service cap.
	 */
	public static final String OTHER = SpanDocuments.OTHER_ENDPOINT;

	/** The counter of spans whose endpoint became {@link #OTHER}. */
	public static final String OVERFLOW_METRIC = "panopticon.ingest.endpoints.overflow";

	/** The counter of spans whose service is beyond the service cap. */
	public static final String SERVICES_OVERFLOW_METRIC = "panopticon.ingest.services.overflow";

	private static final Logger log = LoggerFactory.getLogger(EndpointLimiter.class);

	private final int maxServices;

	private final int maxPerService;

	private final ConcurrentMap<String, ServiceEndpoints> services = new ConcurrentHashMap<>();

	private final ServiceEndpoints others;

	private final Counter overflow;

	private final Counter servicesOverflow;

	/**
	 * Set once the service cap is reached, so that the spans of untracked services, which
	 * can be every span of a misbehaving sender, skip the lock.
	 */
	private volatile boolean servicesFull;

	/**
	 * Creates a limiter.
	 * @param maxServices the most services with a list of their own, at least 1
	 * @param maxPerService the most distinct endpoint names a service may have, at least
	 * 1
	 * @param registry where the overflow counters are registered
	 * @throws IllegalArgumentException if a cap is less than 1
	 */
	public EndpointLimiter(int maxServices, int maxPerService, MeterRegistry registry) {
		if (maxServices < 1) {
			throw new IllegalArgumentException("max-services must be at least 1, not " + maxServices);
		}
		if (maxPerService < 1) {
			throw new IllegalArgumentException("max-endpoints-per-service must be at least 1, not " + maxPerService);
		}
		this.maxServices = maxServices;
		this.maxPerService = maxPerService;
		// No service tag: the meters are scraped without a token, and a tag per service
		// would grow with every name a sender invents.
		this.overflow = Counter.builder(OVERFLOW_METRIC)
			.description("Spans whose endpoint was stored as " + OTHER
					+ " because their service has too many distinct endpoints")
			.register(registry);
		this.servicesOverflow = Counter.builder(SERVICES_OVERFLOW_METRIC)
			.description("Spans whose service is beyond panopticon.ingest.max-services, "
					+ "so that their endpoints share the list " + OTHER)
			.register(registry);
		this.others = new ServiceEndpoints("The services beyond panopticon.ingest.max-services (" + OTHER + ")");
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
			endpoints = track(service);
		}
		return endpoints.admit(endpoint);
	}

	/**
	 * Returns how many services have a list of their own.
	 * @return at most the service cap
	 */
	int trackedServices() {
		return this.services.size();
	}

	private ServiceEndpoints track(String service) {
		if (!this.servicesFull) {
			synchronized (this.services) {
				ServiceEndpoints endpoints = this.services.get(service);
				if (endpoints != null) {
					return endpoints;
				}
				if (this.services.size() < this.maxServices) {
					endpoints = new ServiceEndpoints("Service " + service);
					this.services.put(service, endpoints);
					return endpoints;
				}
				if (!this.servicesFull) {
					this.servicesFull = true;
					log.warn(
							"Ingest tracks {} services, its cap (panopticon.ingest.max-services); the endpoints of "
									+ "further services, such as {}, share one list, {}",
							this.maxServices, service, OTHER);
				}
			}
		}
		this.servicesOverflow.increment();
		return this.others;
	}

	private final class ServiceEndpoints {

		private final String owner;

		private final Set<String> names = ConcurrentHashMap.newKeySet();

		/**
		 * Set once the cap is reached, so that overflowing names, which can be every span
		 * of a misbehaving client, skip the lock.
		 */
		private volatile boolean full;

		ServiceEndpoints(String owner) {
			this.owner = owner;
		}

		String admit(String endpoint) {
			if (this.names.contains(endpoint) || (!this.full && add(endpoint))) {
				return endpoint;
			}
			EndpointLimiter.this.overflow.increment();
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
				log.warn("{} reached {} distinct endpoints; new endpoint names are stored as {}", this.owner,
						EndpointLimiter.this.maxPerService, OTHER);
			}
			return true;
		}

	}

}

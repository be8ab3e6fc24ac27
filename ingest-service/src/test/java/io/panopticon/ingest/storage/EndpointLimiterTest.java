package io.panopticon.ingest.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panopticon.common.telemetry.Span;
import io.panopticon.storage.SpanDocuments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointLimiterTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void endpointIsMethodAndRouteWhenTheSpanHasBoth() {
		assertThat(SpanDocuments.endpointOf(span().httpMethod("GET").httpRoute("/orders/{id}").build()))
			.isEqualTo("GET /orders/{id}");
	}

	@Test
	void endpointIsTheSpanNameOtherwise() {
		assertThat(SpanDocuments.endpointOf(span().httpMethod("GET").build())).isEqualTo("load orders");
		assertThat(SpanDocuments.endpointOf(span().httpRoute("/orders").build())).isEqualTo("load orders");
		assertThat(SpanDocuments.endpointOf(span().build())).isEqualTo("load orders");
	}

	@Test
	void longEndpointsAreCut() {
		String name = "SELECT " + "x, ".repeat(200) + "y FROM t";

		assertThat(SpanDocuments.endpointOf(span().name(name).build()))
			.isEqualTo(name.substring(0, SpanDocuments.MAX_ENDPOINT_LENGTH));
	}

	@Test
	void keepsTheFirstNamesOfAServiceAndStoresLaterOnesAsOther() {
		EndpointLimiter limiter = new EndpointLimiter(100, 2, this.registry);

		assertThat(limiter.admit("orders", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("orders", "GET /b")).isEqualTo("GET /b");
		assertThat(limiter.admit("orders", "GET /c")).isEqualTo(EndpointLimiter.OTHER);
		assertThat(limiter.admit("orders", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("orders", "GET /d")).isEqualTo(EndpointLimiter.OTHER);
		assertThat(limiter.admit("orders", "GET /b")).isEqualTo("GET /b");

		assertThat(overflow()).isEqualTo(2);
	}

	@Test
	void eachServiceHasItsOwnCap() {
		EndpointLimiter limiter = new EndpointLimiter(100, 1, this.registry);

		assertThat(limiter.admit("orders", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("payments", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("payments", "GET /b")).isEqualTo(EndpointLimiter.OTHER);

		assertThat(overflow()).isEqualTo(1);
	}

	@Test
	void endpointForCapsTheSpansEndpointUnderItsService() {
		EndpointLimiter limiter = new EndpointLimiter(100, 1, this.registry);

		assertThat(limiter.endpointFor(span().httpMethod("GET").httpRoute("/a").build())).isEqualTo("GET /a");
		assertThat(limiter.endpointFor(span().httpMethod("GET").httpRoute("/b").build()))
			.isEqualTo(EndpointLimiter.OTHER);
	}

	@Test
	void admitsExactlyTheCapUnderConcurrentFirstSightings() throws Exception {
		int cap = 50;
		int threads = 8;
		int namesPerThread = 200;
		EndpointLimiter limiter = new EndpointLimiter(100, cap, this.registry);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<List<String>>> tasks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t * 50;
				tasks.add(() -> {
					List<String> results = new ArrayList<>();
					// Threads overlap in the names they see, as real partitions do.
					for (int i = 0; i < namesPerThread; i++) {
						results.add(limiter.admit("orders", "GET /" + (offset + i)));
					}
					return results;
				});
			}
			Set<String> admitted = new HashSet<>();
			long others = 0;
			for (Future<List<String>> future : executor.invokeAll(tasks)) {
				for (String result : future.get()) {
					if (result.equals(EndpointLimiter.OTHER)) {
						others++;
					}
					else {
						admitted.add(result);
					}
				}
			}
			assertThat(admitted).hasSize(cap);
			assertThat(overflow()).isEqualTo(others);
			for (String name : admitted) {
				assertThat(limiter.admit("orders", name)).isEqualTo(name);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsACapBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EndpointLimiter(100, 0, this.registry))
			.withMessageContaining("max-endpoints-per-service");
		assertThatIllegalArgumentException().isThrownBy(() -> new EndpointLimiter(0, 100, this.registry))
			.withMessageContaining("max-services");
	}

	@Test
	void aSenderInventingServiceNamesDoesNotGrowTheLimiterBeyondItsCaps() {
		EndpointLimiter limiter = new EndpointLimiter(3, 2, this.registry);
		int meters = this.registry.getMeters().size();

		for (int i = 0; i < 10_000; i++) {
			limiter.admit("invented-" + i, "GET /" + i);
		}

		assertThat(limiter.trackedServices()).isEqualTo(3);
		assertThat(this.registry.getMeters()).hasSize(meters);
		// The first three kept a list of their own; the others shared one list of two.
		assertThat(this.registry.get(EndpointLimiter.SERVICES_OVERFLOW_METRIC).counter().count()).isEqualTo(9_997);
		assertThat(overflow()).isEqualTo(9_995);
		assertThat(limiter.admit("invented-0", "GET /0")).isEqualTo("GET /0");
		assertThat(limiter.admit("invented-0", "GET /x")).isEqualTo("GET /x");
		assertThat(limiter.admit("invented-5000", "GET /3")).isEqualTo("GET /3");
		assertThat(limiter.admit("invented-5000", "GET /5000")).isEqualTo(EndpointLimiter.OTHER);
	}

	@Test
	void servicesBeyondTheCapShareOneListUnderTheEndpointCap() {
		EndpointLimiter limiter = new EndpointLimiter(1, 2, this.registry);

		assertThat(limiter.admit("orders", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("payments", "GET /a")).isEqualTo("GET /a");
		assertThat(limiter.admit("billing", "GET /b")).isEqualTo("GET /b");
		assertThat(limiter.admit("billing", "GET /c")).isEqualTo(EndpointLimiter.OTHER);
		assertThat(limiter.admit("payments", "GET /b")).isEqualTo("GET /b");
		assertThat(limiter.admit("orders", "GET /b")).isEqualTo("GET /b");
		assertThat(limiter.trackedServices()).isEqualTo(1);
	}

	@Test
	void admitsExactlyTheServiceCapUnderConcurrentFirstSightings() throws Exception {
		EndpointLimiter limiter = new EndpointLimiter(20, 1000, this.registry);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				tasks.add(() -> {
					for (int i = 0; i < 500; i++) {
						limiter.admit("service-" + i, "GET /a");
					}
					return null;
				});
			}
			for (Future<Void> future : executor.invokeAll(tasks)) {
				future.get();
			}
			assertThat(limiter.trackedServices()).isEqualTo(20);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private double overflow() {
		return this.registry.get(EndpointLimiter.OVERFLOW_METRIC).counter().count();
	}

	private static Span.Builder span() {
		return Span.builder()
			.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.spanId("00f067aa0ba902b7")
			.name("load orders")
			.serviceName("orders")
			.startTimeMicros(1763712000123456L)
			.durationMicros(10);
	}

}

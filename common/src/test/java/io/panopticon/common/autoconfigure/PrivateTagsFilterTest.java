package io.panopticon.common.autoconfigure;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateTagsFilterTest {

	@Test
	void diskMetersLoseTheirPath() {
		SimpleMeterRegistry registry = registry();
		Gauge.builder("disk.free", new AtomicLong(7), AtomicLong::get)
			.tag("path", "/var/lib/panopticon/data")
			.register(registry);
		Meter disk = registry.get("disk.free").meter();
		assertThat(disk.getId().getTag("path")).isNull();
	}

	@Test
	void ownMetersLoseTheTelemetryServiceNameAndAddUp() {
		SimpleMeterRegistry registry = registry();
		Counter.builder("panopticon.ingest.endpoints.overflow")
			.tag("service", "tenant-a")
			.register(registry)
			.increment();
		Counter.builder("panopticon.ingest.endpoints.overflow")
			.tag("service", "tenant-b")
			.register(registry)
			.increment();
		Counter counter = registry.get("panopticon.ingest.endpoints.overflow").counter();
		assertThat(counter.getId().getTags()).isEmpty();
		assertThat(counter.count()).isEqualTo(2);
	}

	@Test
	void otherTagsStay() {
		SimpleMeterRegistry registry = registry();
		Counter.builder("panopticon.ingest.received").tag("signal", "spans").register(registry);
		Counter.builder("http.server.requests").tag("service", "kept").register(registry);
		assertThat(registry.get("panopticon.ingest.received").counter().getId().getTag("signal")).isEqualTo("spans");
		assertThat(registry.get("http.server.requests").counter().getId().getTag("service")).isEqualTo("kept");
	}

	@Test
	void everyServiceGetsTheFilter() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PanopticonMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(PrivateTagsFilter.class));
	}

	private static SimpleMeterRegistry registry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(new PrivateTagsFilter());
		return registry;
	}

}

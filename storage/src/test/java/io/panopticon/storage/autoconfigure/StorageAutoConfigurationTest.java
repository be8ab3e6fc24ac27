package io.panopticon.storage.autoconfigure;

import java.net.URI;
import java.time.Duration;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.storage.ClusterBackend;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.StorageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage wiring, without servers: the client over Spring Boot's low-level client,
 * the shared retention settings with their defaults and overrides, and no I/O at
 * start-up.
 */
class StorageAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StorageAutoConfiguration.class, StorageHealthAutoConfiguration.class));

	@Test
	void wiresOneClientOverTheLowLevelClientWithoutReachingTheCluster() {
		this.runner.withUserConfiguration(LowLevelClient.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(StorageClient.class)
				.hasSingleBean(BackendMediaTypes.class)
				.hasBean("storageHealthIndicator");
			assertThat(context.getBean(ClusterBackend.class).known()).isEmpty();
		});
	}

	@Test
	void backsOffWithoutALowLevelClient() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(StorageClient.class));
	}

	@Test
	void retentionDefaultsMatchTheDocumentedOnes() {
		this.runner.run((context) -> {
			StorageProperties.Retention retention = context.getBean(StorageProperties.class).retention();
			assertThat(retention.enabled()).isTrue();
			assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
			assertThat(retention.byFamily()).containsEntry(IndexFamily.TRACES, Duration.ofDays(7))
				.containsEntry(IndexFamily.LOGS, Duration.ofDays(7))
				.containsEntry(IndexFamily.METRICS_1M, Duration.ofDays(30))
				.containsEntry(IndexFamily.METRICS_1H, Duration.ofDays(395));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.storage.retention.spans=0d", "panopticon.storage.retention.logs=-1d",
			"panopticon.storage.retention.metrics-1m=0d", "panopticon.storage.retention.metrics-1h=0d",
			"panopticon.storage.retention.interval=0s" })
	void aZeroOrNegativeRetentionStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Test
	void retentionIsSetPerFamily() {
		this.runner
			.withPropertyValues("panopticon.storage.retention.spans=3d", "panopticon.storage.retention.logs=2d",
					"panopticon.storage.retention.metrics-1m=10d", "panopticon.storage.retention.metrics-1h=400d",
					"panopticon.storage.retention.interval=30m", "panopticon.storage.retention.enabled=false")
			.run((context) -> {
				StorageProperties.Retention retention = context.getBean(StorageProperties.class).retention();
				assertThat(retention.enabled()).isFalse();
				assertThat(retention.interval()).isEqualTo(Duration.ofMinutes(30));
				assertThat(retention.byFamily()).containsEntry(IndexFamily.TRACES, Duration.ofDays(3))
					.containsEntry(IndexFamily.LOGS, Duration.ofDays(2))
					.containsEntry(IndexFamily.METRICS_1M, Duration.ofDays(10))
					.containsEntry(IndexFamily.METRICS_1H, Duration.ofDays(400));
			});
	}

	@Test
	void installsIsmPoliciesOnlyWhenAskedTo() {
		this.runner.withUserConfiguration(LowLevelClient.class).run((context) -> {
			assertThat(context.getBean(StorageProperties.class).useIsm()).isFalse();
			assertThat(context).doesNotHaveBean("ismPolicyInstaller");
		});
		this.runner.withUserConfiguration(LowLevelClient.class)
			.withPropertyValues("panopticon.storage.use-ism=true")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("ismPolicyInstaller"));
	}

	@Configuration(proxyBeanMethods = false)
	static class LowLevelClient {

		// Nothing listens on port 9 of the loopback.
		@Bean(destroyMethod = "close")
		Rest5Client rest5Client() {
			return Rest5Client.builder(URI.create("http://127.0.0.1:9")).build();
		}

	}

}

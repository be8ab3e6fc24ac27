package io.panopticon.storage;

import io.panopticon.testing.JsonText;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IndexTemplatesTest {

	private static final IndexTemplates.Settings DEFAULTS = new IndexTemplates.Settings(0, Duration.ofSeconds(5));

	@Test
	void tracesTemplateIsExactlyTheDocumentedOne() {
		IndexTemplate template = IndexTemplates.traces(DEFAULTS);

		assertThat(template.name()).isEqualTo("panopticon-traces-apm");
		assertThat(template.path()).isEqualTo("/_index_template/panopticon-traces-apm");
		assertThat(template.body()).isEqualTo(JsonText.resource(IndexTemplatesTest.class, "traces-apm-template.json"));
	}

	@Test
	void logsTemplateIsExactlyTheDocumentedOne() {
		IndexTemplate template = IndexTemplates.logs(DEFAULTS);

		assertThat(template.name()).isEqualTo("panopticon-logs-apm");
		assertThat(template.body()).isEqualTo(JsonText.resource(IndexTemplatesTest.class, "logs-apm-template.json"));
	}

	@Test
	void templatesCarryTheConfiguredSettings() {
		IndexTemplate template = IndexTemplates.traces(new IndexTemplates.Settings(2, Duration.ofMillis(500)));

		assertThat(JsonText.parse(template.body()).at("/template/settings/index/number_of_replicas").asInt())
			.isEqualTo(2);
		assertThat(JsonText.parse(template.body()).at("/template/settings/index/refresh_interval").asString())
			.isEqualTo("500ms");
	}

	@Test
	void refreshIntervalIsWrittenAsAnElasticsearchTimeValue() {
		assertThat(new IndexTemplates.Settings(0, Duration.ofSeconds(5)).refreshIntervalText()).isEqualTo("5s");
		assertThat(new IndexTemplates.Settings(0, Duration.ofMinutes(1)).refreshIntervalText()).isEqualTo("60s");
		assertThat(new IndexTemplates.Settings(0, Duration.ofMillis(1500)).refreshIntervalText()).isEqualTo("1500ms");
		assertThat(new IndexTemplates.Settings(0, Duration.ofSeconds(-1)).refreshIntervalText()).isEqualTo("-1");
	}

	@Test
	void rejectsNegativeReplicas() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IndexTemplates.Settings(-1, Duration.ofSeconds(1)));
	}

	@Test
	void constructionSendsNothing() {
		try (FakeElasticsearch elasticsearch = new FakeElasticsearch(0); Rest5Client client = elasticsearch.client()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), DEFAULTS);

			assertThat(templates.isInstalled()).isFalse();
			assertThat(elasticsearch.requests()).isEmpty();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void putsBothTemplatesOnceWhateverTheNumberOfCallers() throws Exception {
		try (FakeElasticsearch elasticsearch = new FakeElasticsearch(0); Rest5Client client = elasticsearch.client()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), DEFAULTS);
			ExecutorService executor = Executors.newFixedThreadPool(8);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					calls.add(executor.submit(() -> {
						start.await();
						templates.ensureInstalled();
						return null;
					}));
				}
				start.countDown();
				for (Future<?> call : calls) {
					call.get();
				}
			}
			finally {
				executor.shutdownNow();
			}
			templates.ensureInstalled();

			assertThat(templates.isInstalled()).isTrue();
			assertThat(elasticsearch.requests()).containsExactly("PUT /_index_template/panopticon-traces-apm",
					"PUT /_index_template/panopticon-logs-apm");
			assertThat(elasticsearch.bodies()).containsExactly(IndexTemplates.traces(DEFAULTS).body(),
					IndexTemplates.logs(DEFAULTS).body());
			assertThat(elasticsearch.contentTypes())
				.allSatisfy((type) -> assertThat(type).startsWith("application/json"));
		}
	}

	@Test
	void aRefusedTemplateFailsClearlyAndIsTriedAgainNextTime() throws IOException {
		try (FakeElasticsearch elasticsearch = new FakeElasticsearch(1); Rest5Client client = elasticsearch.client()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), DEFAULTS);

			assertThatExceptionOfType(TemplateInstallationException.class).isThrownBy(templates::ensureInstalled)
				.withMessageContaining("Elasticsearch refused index template panopticon-traces-apm (HTTP 400)");
			assertThat(templates.isInstalled()).isFalse();

			templates.ensureInstalled();

			assertThat(templates.isInstalled()).isTrue();
			assertThat(elasticsearch.requests()).containsExactly("PUT /_index_template/panopticon-traces-apm",
					"PUT /_index_template/panopticon-traces-apm", "PUT /_index_template/panopticon-logs-apm");
		}
	}

	@Test
	void unreachableElasticsearchFailsClearly() throws IOException {
		try (Rest5Client client = Rest5Client.builder(URI.create("http://127.0.0.1:" + closedPort())).build()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), DEFAULTS);

			assertThatExceptionOfType(TemplateInstallationException.class).isThrownBy(templates::ensureInstalled)
				.withMessageContaining("Could not reach Elasticsearch to install index template panopticon-traces-apm");
			assertThat(templates.isInstalled()).isFalse();
		}
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

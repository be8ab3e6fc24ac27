package io.panopticon.storage;

import java.net.URI;
import java.time.Duration;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.storage.autoconfigure.TemplateInstaller;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.AbstractMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TemplateInstallerTest {

	private static final IndexTemplates.Settings SETTINGS = new IndexTemplates.Settings(0, Duration.ofSeconds(5));

	@Test
	void retriesInTheBackgroundUntilTheTemplatesAreInstalled() throws Exception {
		try (FakeElasticsearch elasticsearch = new FakeElasticsearch(3); Rest5Client client = elasticsearch.client()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), SETTINGS);
			TemplateInstaller installer = new TemplateInstaller("Index templates", templates::ensureInstalled,
					Duration.ofMillis(10), Duration.ofMillis(50));

			installer.start();
			try {
				await().atMost(Duration.ofSeconds(10)).until(templates::isInstalled);
			}
			finally {
				installer.stop();
			}

			// Three refusals of the first template, then both templates.
			assertThat(elasticsearch.requests()).hasSize(5);
		}
	}

	@Test
	void startReturnsAtOnceWhileElasticsearchIsUnreachable() throws Exception {
		try (Rest5Client client = Rest5Client.builder(URI.create("http://127.0.0.1:" + IndexTemplatesTest.closedPort()))
			.build()) {
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), SETTINGS);
			TemplateInstaller installer = new TemplateInstaller("Index templates", templates::ensureInstalled,
					Duration.ofMillis(10), Duration.ofMillis(50));

			long started = System.nanoTime();
			installer.start();
			long took = System.nanoTime() - started;
			Thread.sleep(200);

			assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofMillis(500));
			assertThat(installer.isRunning()).isTrue();
			assertThat(templates.isInstalled()).isFalse();
			installer.stop();
			assertThat(installer.isRunning()).isFalse();
		}
	}

	@Test
	void startsBeforeTheKafkaListenersThatWaitForIt() {
		TemplateInstaller installer = new TemplateInstaller("Index templates", () -> {
		}, Duration.ofMillis(10), Duration.ofMillis(50));

		assertThat(installer.getPhase()).isLessThan(AbstractMessageListenerContainer.DEFAULT_PHASE);
	}

}

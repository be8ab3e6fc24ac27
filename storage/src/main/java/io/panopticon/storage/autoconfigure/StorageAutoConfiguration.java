package io.panopticon.storage.autoconfigure;

import java.time.Duration;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.storage.ClusterBackend;
import io.panopticon.storage.IsmPolicies;
import io.panopticon.storage.StorageClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * Wires the storage module over the low-level client Spring Boot configures
 * ({@code spring.elasticsearch.*}): the one {@link StorageClient} services inject, the
 * media types adapted to the backend, the shared {@link StorageProperties}, the ISM
 * retention policies when asked for, and, in web services, the 503 answer to
 * {@link io.panopticon.storage.StorageUnavailableException}. Nothing here connects to the
 * cluster while the context starts.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration")
@ConditionalOnClass({ Rest5Client.class, Rest5ClientBuilderCustomizer.class })
@EnableConfigurationProperties({ StorageProperties.class, ElasticsearchClientProperties.class })
public class StorageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterBackend clusterBackend() {
		return new ClusterBackend();
	}

	@Bean
	BackendMediaTypes backendMediaTypes(ClusterBackend backend) {
		return new BackendMediaTypes(backend);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Rest5Client.class)
	StorageClient storageClient(Rest5Client client, ClusterBackend backend) {
		return new StorageClient(client, backend);
	}

	/**
	 * Installs the ISM retention policies ({@code panopticon.storage.use-ism}) in the
	 * background at start-up, beside the index templates; every service that may write
	 * does, since installing is idempotent.
	 * @param client the storage client
	 * @param properties the retention of each family
	 * @return the installer
	 */
	@Bean
	@ConditionalOnBooleanProperty("panopticon.storage.use-ism")
	@ConditionalOnBean(StorageClient.class)
	TemplateInstaller ismPolicyInstaller(StorageClient client, StorageProperties properties) {
		IsmPolicies policies = new IsmPolicies(client, properties.retention().byFamily());
		return new TemplateInstaller("ISM policies", policies::ensureInstalled, Duration.ofSeconds(1),
				Duration.ofMinutes(1));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "panopticon.elasticsearch.verify-certificates", havingValue = false)
	UnverifiedCertificatesCustomizer unverifiedCertificatesCustomizer() {
		return new UnverifiedCertificatesCustomizer();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(ProblemDetail.class)
	static class StorageWebConfiguration {

		@Bean
		StorageUnavailableAdvice storageUnavailableAdvice() {
			return new StorageUnavailableAdvice();
		}

	}

}

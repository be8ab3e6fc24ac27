package io.panopticon.common.autoconfigure;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PanopticonElasticsearchAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(PanopticonElasticsearchAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class));

	@Test
	void verifiesCertificatesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Rest5Client.class);
			assertThat(context).doesNotHaveBean(UnverifiedCertificatesCustomizer.class);
			assertThat(context.getBean(PanopticonElasticsearchProperties.class).verifyCertificates()).isTrue();
		});
	}

	@Test
	void acceptsAnyCertificateWhenToldNotToVerify() {
		this.runner.withPropertyValues("panopticon.elasticsearch.verify-certificates=false").run((context) -> {
			assertThat(context).hasSingleBean(Rest5Client.class);
			assertThat(context).hasSingleBean(UnverifiedCertificatesCustomizer.class);
		});
	}

}

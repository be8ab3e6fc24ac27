package io.panopticon.common.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Makes Spring Boot's Elasticsearch client work with Elasticsearch 8.19 and 9.x alike,
 * and applies {@link PanopticonElasticsearchProperties}.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration")
@ConditionalOnClass(Rest5ClientBuilderCustomizer.class)
@EnableConfigurationProperties(PanopticonElasticsearchProperties.class)
public class PanopticonElasticsearchAutoConfiguration {

	@Bean
	ElasticsearchCompatibilityCustomizer elasticsearchCompatibilityCustomizer() {
		return new ElasticsearchCompatibilityCustomizer();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "panopticon.elasticsearch.verify-certificates", havingValue = false)
	UnverifiedCertificatesCustomizer unverifiedCertificatesCustomizer() {
		return new UnverifiedCertificatesCustomizer();
	}

}

package io.panopticon.common.autoconfigure;

import io.panopticon.common.openapi.ApiDescription;
import io.panopticon.common.openapi.ApiExamples;
import io.panopticon.common.openapi.ApiFragments;
import io.panopticon.common.web.ProblemErrorController;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * For a service that publishes an OpenAPI description (springdoc-openapi on its class
 * path): the hand-written fragments and the recorded examples merged into the generated
 * description, without the error dispatch. The description is public (see
 * {@link PanopticonWebAutoConfiguration}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class PanopticonOpenApiAutoConfiguration {

	static {
		// The error dispatch is no operation of the API.
		SpringDocUtils.getConfig().addHiddenRestControllers(ProblemErrorController.class);
	}

	/**
	 * The frame of a service that declares none: titled after the application, and
	 * described by the fragment whose info has a description (see {@link ApiFragments}).
	 */
	@Bean
	@ConditionalOnMissingBean(OpenAPI.class)
	OpenAPI panopticonApi(Environment environment) {
		return ApiDescription.of("Panopticon " + environment.getProperty("spring.application.name", "service"), null);
	}

	@Bean
	ApiFragments apiFragments() {
		return ApiFragments.load();
	}

	@Bean
	ApiExamples apiExamples() {
		return ApiExamples.load();
	}

}

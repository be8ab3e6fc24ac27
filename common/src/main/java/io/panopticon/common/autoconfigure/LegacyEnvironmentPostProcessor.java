package io.panopticon.common.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds two property sources every service shares: the original design's environment
 * variables translated by {@link LegacyVariables}, ranked just below the real environment
 * (so an explicit {@code SPRING_*} or {@code PANOPTICON_*} variable still wins, and both
 * win over files), and {@code panopticon-defaults.properties}, ranked last (any service
 * file overrides it). Spring Boot runs it for every service; tests whose context does not
 * start through {@code SpringApplication} apply it with {@link #applyTo}.
 */
public class LegacyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ALIASES = "panopticonLegacyVariables";

	static final String DEFAULTS = "panopticonDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		var aliases = new MapPropertySource(ALIASES, LegacyVariables.toProperties(environment::getProperty));
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, aliases);
		}
		else {
			environment.getPropertySources().addLast(aliases);
		}
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource(DEFAULTS, new ClassPathResource("panopticon-defaults.properties")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Adds the property sources to a context that {@code SpringApplication} does not
	 * start, such as one of an {@code ApplicationContextRunner}; run it after the config
	 * data files are loaded.
	 * @param context the context
	 */
	public static void applyTo(ConfigurableApplicationContext context) {
		new LegacyEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), new SpringApplication());
	}

	/**
	 * After the config data files are loaded, so the aliases can be ranked above them.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.panopticon.testing;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the servers named by {@link RealServers} on the test class (or a class enclosing
 * a {@code @Nested} one) before all its tests.
 */
final class RealServersExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		RealServers.Server[] servers = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), RealServers.class, context.getEnclosingTestClasses())
			.map(RealServers::value)
			.orElseGet(RealServers.Server::values);
		TestServers.start(List.of(servers));
	}

}

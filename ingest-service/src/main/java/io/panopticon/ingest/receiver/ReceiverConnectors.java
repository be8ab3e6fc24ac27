package io.panopticon.ingest.receiver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The receivers' standard ports as extra connectors of the service's Tomcat: 4318 for
 * OTLP/HTTP and 9411 for Zipkin by default. They share the service's servlet context, so
 * the security rules (and {@code ingest-token-required}) apply there exactly as on the
 * service port; {@link ReceiverPortFilter} keeps everything but the receiver paths off
 * them.
 */
public final class ReceiverConnectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	/** The paths the OTLP/HTTP port serves. */
	static final Set<String> OTLP_PATHS = Set.of("/v1/traces", "/v1/logs");

	/** The paths the Zipkin port serves. */
	static final Set<String> ZIPKIN_PATHS = Set.of("/api/v2/spans");

	private final Connector otlp;

	private final Connector zipkin;

	private final String maxSwallowSize;

	/**
	 * @param properties the receiver ports ({@code -1} leaves a connector out) and the
	 * largest body
	 */
	public ReceiverConnectors(ReceiverProperties properties) {
		// Tomcat reads (and drops) at most this much of a body the application did not
		// read before it closes the connection; a client sending a body just over the
		// limit should read its 413, not a reset connection.
		this.maxSwallowSize = Long.toString(2 * properties.maxBodySize().toBytes());
		this.otlp = connector(properties.otlpHttpPort());
		this.zipkin = connector(properties.zipkinPort());
	}

	private Connector connector(int port) {
		if (port == ReceiverProperties.DISABLED) {
			return null;
		}
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(port);
		connector.setProperty("maxSwallowSize", this.maxSwallowSize);
		return connector;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		List<Connector> connectors = new ArrayList<>();
		if (this.otlp != null) {
			connectors.add(this.otlp);
		}
		if (this.zipkin != null) {
			connectors.add(this.zipkin);
		}
		factory.addAdditionalConnectors(connectors.toArray(Connector[]::new));
		factory.addConnectorCustomizers((connector) -> connector.setProperty("maxSwallowSize", this.maxSwallowSize));
	}

	/**
	 * The port OTLP/HTTP listens on once the server runs (the chosen one when configured
	 * as 0).
	 * @return the port, or -1 when it is off or not started
	 */
	public int otlpHttpPort() {
		return port(this.otlp);
	}

	/**
	 * The port Zipkin listens on once the server runs.
	 * @return the port, or -1 when it is off or not started
	 */
	public int zipkinPort() {
		return port(this.zipkin);
	}

	/**
	 * Returns whether a request that arrived on a local port may go to a path: anything
	 * on the service port, only the receiver's paths on a receiver port.
	 * @param localPort the port the request arrived on
	 * @param path the request path
	 * @return whether it may go on
	 */
	boolean allows(int localPort, String path) {
		if (localPort == otlpHttpPort()) {
			return OTLP_PATHS.contains(path);
		}
		if (localPort == zipkinPort()) {
			return ZIPKIN_PATHS.contains(path);
		}
		return true;
	}

	private static int port(Connector connector) {
		return (connector != null) ? connector.getLocalPort() : -1;
	}

}

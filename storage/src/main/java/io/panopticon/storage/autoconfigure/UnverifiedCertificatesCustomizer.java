package io.panopticon.storage.autoconfigure;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;

import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;

/**
 * Makes the Elasticsearch client accept any TLS certificate and host name
 * ({@code panopticon.elasticsearch.verify-certificates=false}, the original
 * {@code OPENSEARCH_REJECT_UNAUTHORIZED=false}). Unordered, so it runs after Spring
 * Boot's own customizer and replaces the TLS strategy that one set.
 */
class UnverifiedCertificatesCustomizer implements Rest5ClientBuilderCustomizer {

	@Override
	public void customize(Rest5ClientBuilder builder) {
	}

	@Override
	public void customize(PoolingAsyncClientConnectionManagerBuilder builder) {
		builder.setTlsStrategy(new DefaultClientTlsStrategy(trustingEveryone(), HostnameVerificationPolicy.CLIENT,
				NoopHostnameVerifier.INSTANCE));
	}

	private static SSLContext trustingEveryone() {
		try {
			return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot create a TLS context", ex);
		}
	}

}

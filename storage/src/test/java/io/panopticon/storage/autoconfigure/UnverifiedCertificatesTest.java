package io.panopticon.storage.autoconfigure;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UnverifiedCertificatesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(StorageAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class));

	@Test
	void verifiesCertificatesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Rest5Client.class);
			assertThat(context).doesNotHaveBean(UnverifiedCertificatesCustomizer.class);
			assertThat(context.getBean(ElasticsearchClientProperties.class).verifyCertificates()).isTrue();
		});
	}

	@Test
	void acceptsAnyCertificateWhenToldNotToVerify() {
		this.runner.withPropertyValues("panopticon.elasticsearch.verify-certificates=false").run((context) -> {
			assertThat(context).hasSingleBean(Rest5Client.class);
			assertThat(context).hasSingleBean(UnverifiedCertificatesCustomizer.class);
		});
	}

	@Test
	void talksToAClusterWithASelfSignedCertificateOnlyWhenToldNotToVerify(@TempDir Path directory) throws Exception {
		HttpsServer server = selfSignedServer(directory);
		try {
			String uri = "spring.elasticsearch.uris=https://localhost:" + server.getAddress().getPort();
			this.runner.withPropertyValues(uri).run((context) -> {
				Rest5Client client = context.getBean(Rest5Client.class);
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> client.performRequest(new Request("GET", "/")));
			});
			this.runner.withPropertyValues(uri, "panopticon.elasticsearch.verify-certificates=false").run((context) -> {
				Rest5Client client = context.getBean(Rest5Client.class);
				assertThat(client.performRequest(new Request("GET", "/")).getStatusCode()).isEqualTo(200);
			});
		}
		finally {
			server.stop(0);
		}
	}

	/** An HTTPS server answering {@code {}}, with a certificate no authority signed. */
	private static HttpsServer selfSignedServer(Path directory) throws Exception {
		Path keystore = directory.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=somewhere-else",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		assertThat(keytool.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(keystore.toFile())) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.createContext("/", (exchange) -> {
			byte[] body = "{}".getBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		assertThat(Files.exists(keystore)).isTrue();
		return server;
	}

}

package io.panopticon.ingest.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.panopticon.common.web.InvalidParameterException;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestBodiesTest {

	@Test
	void readsPlainAndGzipBodies() throws IOException {
		byte[] body = "hello".repeat(100).getBytes();
		assertThat(RequestBodies.read(request(body, null), 1000)).isEqualTo(body);
		assertThat(RequestBodies.read(request(gzip(body), "gzip"), 1000)).isEqualTo(body);
	}

	@Test
	void refusesBodiesLargerThanTheLimitBeforeAndAfterDecompression() throws IOException {
		byte[] body = new byte[2000];
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> RequestBodies.read(request(body, null), 1000))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(413));
		byte[] bomb = gzip(new byte[1_000_000]);
		assertThat(bomb.length).isLessThan(2000);
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> RequestBodies.read(request(bomb, "gzip"), 100_000))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(413));
	}

	@Test
	void refusesUnknownEncodingsAndBrokenGzip() {
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> RequestBodies.read(request(new byte[10], "br"), 1000))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(415));
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> RequestBodies.read(request("not gzip".getBytes(), "gzip"), 1000))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("Content-Encoding"));
	}

	private static MockHttpServletRequest request(byte[] body, String encoding) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/traces");
		request.setContent(body);
		if (encoding != null) {
			request.addHeader("Content-Encoding", encoding);
		}
		return request;
	}

	static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		return out.toByteArray();
	}

}

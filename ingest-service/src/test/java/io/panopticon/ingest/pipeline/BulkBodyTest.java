package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BulkBodyTest {

	@Test
	void writesOneCreateActionAndSourceLinePerItem() {
		byte[] body = BulkBody.of(List.of(new BulkItem("traces-apm-2026.11.22", "abc", utf8("{\"a\":1}")),
				new BulkItem("logs-apm-2026.11.21", "d-e_f", utf8("{\"b\":\"x\"}"))));
		assertThat(new String(body, StandardCharsets.UTF_8))
			.isEqualTo("{\"create\":{\"_index\":\"traces-apm-2026.11.22\",\"_id\":\"abc\"}}\n{\"a\":1}\n"
					+ "{\"create\":{\"_index\":\"logs-apm-2026.11.21\",\"_id\":\"d-e_f\"}}\n{\"b\":\"x\"}\n");
	}

	@Test
	void refusesIdsThatWouldNeedEscaping() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BulkBody.of(List.of(new BulkItem("traces", "a\"b", utf8("{}")))));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

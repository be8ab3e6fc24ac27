package io.panopticon.storage.bulk;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BulkBodyTest {

	@Test
	void writesOneCreateActionAndSourceLinePerItemGrowingItsArray() {
		BulkBody body = new BulkBody(new byte[8]);
		assertThat(body.append(BulkItem.of("traces-apm-2026.11.22", "abc", utf8("{\"a\":1}")))).isZero();
		int second = body.append(BulkItem.of("logs-apm-2026.11.21", "d-e_f", utf8("{\"b\":\"x\"}")));
		String first = "{\"create\":{\"_index\":\"traces-apm-2026.11.22\",\"_id\":\"abc\"}}\n{\"a\":1}\n";
		assertThat(second).isEqualTo(first.length());
		assertThat(new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8))
			.isEqualTo(first + "{\"create\":{\"_index\":\"logs-apm-2026.11.21\",\"_id\":\"d-e_f\"}}\n{\"b\":\"x\"}\n");
	}

	@Test
	void refusesIdsThatWouldNeedEscaping() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BulkBody(new byte[64]).append(BulkItem.of("traces", "a\"b", utf8("{}"))));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

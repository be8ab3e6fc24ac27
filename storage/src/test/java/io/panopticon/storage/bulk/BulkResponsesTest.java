package io.panopticon.storage.bulk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BulkResponsesTest {

	@Test
	void classifiesEachItemOfAFilteredResponse() {
		String json = """
				{"errors":true,"items":[
				 {"create":{"status":201}},
				 {"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"exists"}}},
				 {"create":{"status":400,"error":{"type":"document_parsing_exception","reason":"bad field [x]"}}},
				 {"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},
				 {"create":{"status":503,"error":{"type":"unavailable_shards_exception","reason":"primary down"}}}
				]}""";
		List<BulkOutcome> outcomes = read(json, 5);
		assertThat(outcomes).extracting(BulkOutcome::status)
			.containsExactly(BulkOutcome.Status.CREATED, BulkOutcome.Status.ALREADY_INDEXED,
					BulkOutcome.Status.REJECTED, BulkOutcome.Status.RETRYABLE, BulkOutcome.Status.RETRYABLE);
		assertThat(outcomes.get(2).reason()).isEqualTo("document_parsing_exception: bad field [x]");
		assertThat(outcomes.get(3).reason()).startsWith("es_rejected_execution_exception");
	}

	@Test
	void readsUnfilteredResponsesToo() {
		String json = """
				{"took":3,"errors":false,"items":[{"create":{"_index":"i","_id":"1","_version":1,
				"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,
				"status":201}}]}""";
		assertThat(read(json, 1)).containsExactly(BulkOutcome.CREATED);
	}

	@Test
	void refusesAResponseWithTheWrongNumberOfItems() {
		assertThatIllegalStateException().isThrownBy(() -> read("{\"items\":[{\"create\":{\"status\":201}}]}", 2));
	}

	private static List<BulkOutcome> read(String json, int expected) {
		return BulkResponses.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), expected);
	}

}

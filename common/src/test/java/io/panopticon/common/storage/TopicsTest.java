package io.panopticon.common.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Topics}.
 */
class TopicsTest {

	@Test
	void namesTheDefaultTopics() {
		assertThat(Topics.SPANS).isEqualTo("apm.spans");
		assertThat(Topics.LOGS).isEqualTo("apm.logs");
		assertThat(Topics.LOGS_ERROR).isEqualTo("apm.logs.error");
	}

	@Test
	void deadLettersToTheTopicWithDlqAppended() {
		assertThat(Topics.deadLetterOf(Topics.SPANS)).isEqualTo("apm.spans.dlq");
		assertThat(Topics.deadLetterOf("team-a.spans")).isEqualTo("team-a.spans.dlq");
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.deadLetterOf(" "));
	}

	@Test
	void namesTheDeadLetterHeaders() {
		assertThat(Topics.DLQ_REASON).isEqualTo("panopticon.dlq.reason");
		assertThat(Topics.DLQ_FIELD).isEqualTo("panopticon.dlq.field");
		assertThat(Topics.DLQ_SOURCE_TOPIC).isEqualTo("panopticon.dlq.source-topic");
		assertThat(Topics.DLQ_SOURCE_PARTITION).isEqualTo("panopticon.dlq.source-partition");
		assertThat(Topics.DLQ_SOURCE_OFFSET).isEqualTo("panopticon.dlq.source-offset");
	}

}

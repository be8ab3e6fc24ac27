package io.panopticon.ingest.receiver;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

	@Test
	void summarySpellsOutTheFirstFiveRejectionsAndCountsTheRest() {
		List<Rejection> rejections = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			rejections.add(new Rejection("spans[" + i + "]", "name must not be blank"));
		}
		assertThat(new Outcome(3, rejections).summary("spans")).isEqualTo("7 of 10 spans rejected: "
				+ "spans[0]: name must not be blank; spans[1]: name must not be blank; spans[2]: name must not be blank; "
				+ "spans[3]: name must not be blank; spans[4]: name must not be blank; and 2 more");
		assertThat(new Outcome(3, List.of()).summary("spans")).isEmpty();
	}

}

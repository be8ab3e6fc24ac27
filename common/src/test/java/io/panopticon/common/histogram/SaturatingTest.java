package io.panopticon.common.histogram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SaturatingTest {

	@Test
	void addsExactlyWhileTheSumFits() {
		assertThat(Saturating.add(2, 3)).isEqualTo(5);
		assertThat(Saturating.add(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
		assertThat(Saturating.add(-5, 3)).isEqualTo(-2);
	}

	@Test
	void stopsAtTheEndsInsteadOfWrapping() {
		assertThat(Saturating.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
		assertThat(Saturating.add(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(Saturating.add(9_223_372_036_854_775_807L, 86_400_000_000L)).isEqualTo(Long.MAX_VALUE);
		assertThat(Saturating.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
	}

}

package io.panopticon.common.histogram;

import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PackedHistogram}.
 */
class PackedHistogramTest {

	@Test
	void packsGapsAndCountsAsVarints() {
		String text = PackedHistogram.encode(new int[] { 0, 5, 300 }, new long[] { 1, 128, 2 });
		// format 1; bucket 0: 1; gap 5: 128 (two bytes); gap 295 (two bytes): 2
		assertThat(Base64.getDecoder().decode(text)).containsExactly(1, 0, 1, 5, 0x80, 0x01, 0xA7 - 256, 0x02, 2);
	}

	@Test
	void roundTripsRandomHistograms() {
		Random random = new Random(42);
		for (int round = 0; round < 200; round++) {
			LatencyHistogram histogram = new LatencyHistogram();
			int values = random.nextInt(5000);
			for (int i = 0; i < values; i++) {
				histogram.record((long) Math.exp(random.nextDouble() * 40), 1 + random.nextInt(1000));
			}
			assertThat(PackedHistogram.decode(pack(histogram))).isEqualTo(histogram);
		}
	}

	@Test
	void roundTripsTheExtremes() {
		LatencyHistogram histogram = LatencyHistogram.of(new int[] { 0, LatencyHistogram.MAX_BUCKET },
				new long[] { Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 });
		assertThat(PackedHistogram.decode(pack(histogram))).isEqualTo(histogram);
		assertThat(PackedHistogram.decode(pack(new LatencyHistogram())).isEmpty()).isTrue();
	}

	@Test
	void refusesWhatCannotBePacked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedHistogram.encode(new int[] { 3, 3 }, new long[] { 1, 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedHistogram.encode(new int[] { 3 }, new long[] { 0 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedHistogram.encode(new int[] { -1 }, new long[] { 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedHistogram.encode(new int[] { LatencyHistogram.MAX_BUCKET + 1 }, new long[] { 1 }));
	}

	@Test
	void refusesMalformedText() {
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode("not base64!"));
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode(packed(2, 0, 1)))
			.withMessageContaining("format");
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode(packed(1, 0, 0x80)))
			.withMessageContaining("ends inside");
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode(packed(1, 4, 1, 0, 1)))
			.withMessageContaining("out of order");
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode(packed(1, 4, 0)))
			.withMessageContaining("positive");
		assertThatIllegalArgumentException().isThrownBy(() -> PackedHistogram.decode(packed(1, 0xFF - 256, 0x7F, 1)))
			.withMessageContaining("range");
	}

	private static String pack(LatencyHistogram histogram) {
		return PackedHistogram.encode(histogram.buckets(), histogram.counts());
	}

	private static String packed(int... bytes) {
		byte[] packed = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			packed[i] = (byte) bytes[i];
		}
		return Base64.getEncoder().encodeToString(packed);
	}

}

package io.panopticon.common.histogram;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * The packed form of a {@link LatencyHistogram} that rollup documents carry beside the
 * nested one ({@code latencyHistogram}, a {@code binary} field with doc values). A reader
 * that needs a whole histogram per document fetches it from doc values in one piece,
 * where the nested form costs Elasticsearch one aggregation bucket per latency bucket.
 * <p>
 * Layout, then Base64 (RFC 4648, with padding) as Elasticsearch takes and returns binary
 * values: a format byte ({@value #FORMAT}), then for each non-empty bucket, ascending,
 * the gap to the previous bucket index (for the first, its index) and the count, each an
 * unsigned LEB128 varint. A histogram of 200 buckets packs into about 500 bytes.
 * <p>
 * Thread-safe; all methods are static.
 */
public final class PackedHistogram {

	/** The format byte of this layout. */
	static final int FORMAT = 1;

	private PackedHistogram() {
	}

	/**
	 * Packs the non-empty buckets of a histogram.
	 * @param buckets bucket indices, strictly ascending, each from 0 to
	 * {@link LatencyHistogram#MAX_BUCKET}
	 * @param counts their counts, each positive
	 * @return the Base64 text of the packed form
	 * @throws IllegalArgumentException if the arrays differ in length, a bucket is out of
	 * order or range, or a count is not positive
	 */
	public static String encode(int[] buckets, long[] counts) {
		if (buckets.length != counts.length) {
			throw new IllegalArgumentException(
					"buckets and counts differ in length: " + buckets.length + " and " + counts.length);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(1 + 3 * buckets.length);
		out.write(FORMAT);
		int previous = -1;
		for (int i = 0; i < buckets.length; i++) {
			if (buckets[i] <= previous || buckets[i] > LatencyHistogram.MAX_BUCKET) {
				throw new IllegalArgumentException("bucket out of order or range: " + buckets[i]);
			}
			if (counts[i] <= 0) {
				throw new IllegalArgumentException("count must be positive: " + counts[i]);
			}
			writeVarint(out, (previous < 0) ? buckets[i] : buckets[i] - previous);
			writeVarint(out, counts[i]);
			previous = buckets[i];
		}
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}

	/**
	 * Unpacks a histogram.
	 * @param text the Base64 text of a packed form
	 * @return a new histogram
	 * @throws IllegalArgumentException if the text is not a packed histogram
	 */
	public static LatencyHistogram decode(String text) {
		byte[] packed = Base64.getDecoder().decode(text);
		if (packed.length == 0 || packed[0] != FORMAT) {
			throw new IllegalArgumentException("not a packed histogram of format " + FORMAT);
		}
		Reader in = new Reader(packed);
		int size = 0;
		int[] buckets = new int[packed.length / 2];
		long[] counts = new long[buckets.length];
		long bucket = 0;
		while (in.position < packed.length) {
			long gap = in.varint();
			if (gap < 0 || (size > 0 && gap == 0) || gap > LatencyHistogram.MAX_BUCKET - bucket) {
				throw new IllegalArgumentException("bucket out of order or range after " + bucket);
			}
			bucket = (size == 0) ? gap : bucket + gap;
			long count = in.varint();
			if (count <= 0) {
				throw new IllegalArgumentException("count must be positive: " + count);
			}
			buckets[size] = (int) bucket;
			counts[size++] = count;
		}
		return LatencyHistogram.of(Arrays.copyOf(buckets, size), Arrays.copyOf(counts, size));
	}

	private static void writeVarint(ByteArrayOutputStream out, long value) {
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			out.write((int) ((rest & 0x7F) | 0x80));
			rest >>>= 7;
		}
		out.write((int) rest);
	}

	/** Reads varints from the byte after the format byte on. */
	private static final class Reader {

		private final byte[] bytes;

		private int position = 1;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				if (this.position >= this.bytes.length) {
					throw new IllegalArgumentException("packed histogram ends inside a number");
				}
				byte b = this.bytes[this.position++];
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("number too long in packed histogram");
		}

	}

}

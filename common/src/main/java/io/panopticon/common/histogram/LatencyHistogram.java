package io.panopticon.common.histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A mergeable, log-scale histogram of latencies in microseconds, from which percentiles
 * over any number of rollups can be read with at most 1 % relative error.
 * <p>
 * <b>Buckets.</b> A latency of {@code µs} microseconds goes to bucket
 * {@code ceil(ln(max(µs, 1)) / ln(1.02))}. Bucket {@code b > 0} therefore holds the
 * values in {@code (1.02^(b-1), 1.02^b]}, and bucket 0 holds 0 and 1. The logarithm is
 * {@link StrictMath#log}, whose results are the same on every JVM and CPU, so that every
 * replica puts a value in the same bucket and re-rolled rollups are identical.
 * {@link #lowerBound} and {@link #upperBound} agree exactly with {@link #bucketOf} for
 * every latency below 10^13 µs (115 days); above that, double precision may put a value
 * lying within a relative 10^-15 of a bound into the neighbouring bucket, which leaves
 * the error bound below intact.
 * <p>
 * <b>Error bound.</b> A bucket reports its values as one representative value {@code r},
 * the harmonic mean of its bounds {@code L = 1.02^(b-1)} and {@code U = 1.02^b}:
 * {@code r = 2LU / (L + U) = 2U / 2.02}. For any value {@code v} in {@code (L, U]} the
 * relative error {@code |r - v| / v} is largest at the ends, where it is
 * {@code (r - L) / L} and {@code (U - r) / U}, both {@code 0.02 / 2.02 ≈ 0.990 %}; this
 * choice of {@code r} makes the two equal and so minimises the worst case. Bucket 0
 * reports 1 µs, which is exact for 1 and treats 0 as 1, as the bucket formula does.
 * <p>
 * <b>Storage.</b> Only non-empty buckets are kept, as two parallel arrays sorted by
 * bucket index ({@link #buckets()} and {@link #counts()}); that is also the form stored
 * in Elasticsearch documents, read back with {@link #of(int[], long[])}. Latencies up to
 * {@link Long#MAX_VALUE} µs fall into buckets 0 to 2206 ({@link #MAX_BUCKET}), so a
 * histogram never holds more than 2207 buckets; real latencies span a few hundred at
 * most.
 * <p>
 * Mutable and not thread-safe: confine an instance to one thread, or {@link #copy()} it
 * to hand a snapshot over. Equal histograms have equal buckets and counts.
 */
public final class LatencyHistogram {

	/** The ratio between consecutive bucket bounds. */
	public static final double GAMMA = 1.02;

	private static final double LN_GAMMA = StrictMath.log(GAMMA);

	/** The highest bucket index, that of {@link Long#MAX_VALUE} microseconds. */
	public static final int MAX_BUCKET = bucketOf(Long.MAX_VALUE);

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private int[] buckets;

	private long[] counts;

	private int size;

	private long total;

	/**
	 * Creates an empty histogram.
	 */
	public LatencyHistogram() {
		this(new int[8], new long[8], 0, 0);
	}

	private LatencyHistogram(int[] buckets, long[] counts, int size, long total) {
		this.buckets = buckets;
		this.counts = counts;
		this.size = size;
		this.total = total;
	}

	/**
	 * Reads a histogram from its stored form. Buckets may come in any order and repeat
	 * (their counts are added); zero counts are skipped.
	 * @param buckets bucket indices, each from 0 to {@link #MAX_BUCKET}
	 * @param counts the count of each bucket, none negative
	 * @return a new histogram
	 * @throws IllegalArgumentException if the arrays differ in length or hold an invalid
	 * bucket or count
	 * @throws ArithmeticException if the total count overflows a {@code long}
	 */
	public static LatencyHistogram of(int[] buckets, long[] counts) {
		if (buckets.length != counts.length) {
			throw new IllegalArgumentException(
					"buckets and counts differ in length: " + buckets.length + " and " + counts.length);
		}
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < buckets.length; i++) {
			if (buckets[i] < 0 || buckets[i] > MAX_BUCKET) {
				throw new IllegalArgumentException("bucket out of range: " + buckets[i]);
			}
			histogram.add(buckets[i], counts[i]);
		}
		return histogram;
	}

	/**
	 * Returns the bucket of a latency: {@code ceil(ln(max(micros, 1)) / ln(1.02))}.
	 * @param micros the latency in microseconds, not negative
	 * @return the bucket index, from 0 to {@link #MAX_BUCKET}
	 * @throws IllegalArgumentException if {@code micros} is negative
	 */
	public static int bucketOf(long micros) {
		if (micros < 0) {
			throw new IllegalArgumentException("latency must not be negative: " + micros);
		}
		return (int) Math.ceil(StrictMath.log(Math.max(micros, 1)) / LN_GAMMA);
	}

	/**
	 * Returns the exclusive lower bound of a bucket: {@code 1.02^(bucket-1)}, or 0 for
	 * bucket 0.
	 * @param bucket the bucket index, not negative
	 * @return the bound in microseconds
	 */
	public static double lowerBound(int bucket) {
		checkBucket(bucket);
		return (bucket == 0) ? 0 : StrictMath.pow(GAMMA, bucket - 1);
	}

	/**
	 * Returns the inclusive upper bound of a bucket: {@code 1.02^bucket}.
	 * @param bucket the bucket index, not negative
	 * @return the bound in microseconds
	 */
	public static double upperBound(int bucket) {
		checkBucket(bucket);
		return StrictMath.pow(GAMMA, bucket);
	}

	/**
	 * Returns the value a bucket reports for its latencies: the harmonic mean of its
	 * bounds, or 1 for bucket 0 (see the class description for why it is within 1 % of
	 * every value in the bucket).
	 * @param bucket the bucket index, not negative
	 * @return the value in microseconds
	 */
	public static double representative(int bucket) {
		return (bucket == 0) ? 1 : 2 * upperBound(bucket) / (1 + GAMMA);
	}

	private static void checkBucket(int bucket) {
		if (bucket < 0) {
			throw new IllegalArgumentException("bucket must not be negative: " + bucket);
		}
	}

	/**
	 * Records one latency.
	 * @param micros the latency in microseconds, not negative
	 * @throws IllegalArgumentException if {@code micros} is negative
	 */
	public void record(long micros) {
		record(micros, 1);
	}

	/**
	 * Records a latency several times.
	 * @param micros the latency in microseconds, not negative
	 * @param count how many times, not negative
	 * @throws IllegalArgumentException if an argument is negative
	 * @throws ArithmeticException if the total count overflows a {@code long}
	 */
	public void record(long micros, long count) {
		add(bucketOf(micros), count);
	}

	/**
	 * Adds every count of another histogram to this one; afterwards this histogram is the
	 * one that recording both histograms' latencies would have built.
	 * @param other the histogram to add; not changed
	 * @throws ArithmeticException if the total count overflows a {@code long}
	 */
	public void merge(LatencyHistogram other) {
		// A merge of two sorted lists: linear, where adding the other's
		// buckets one by one would be quadratic.
		int[] mergedBuckets = new int[this.size + other.size];
		long[] mergedCounts = new long[this.size + other.size];
		int i = 0;
		int j = 0;
		int n = 0;
		while (i < this.size || j < other.size) {
			int mine = (i < this.size) ? this.buckets[i] : Integer.MAX_VALUE;
			int theirs = (j < other.size) ? other.buckets[j] : Integer.MAX_VALUE;
			if (mine < theirs) {
				mergedBuckets[n] = mine;
				mergedCounts[n++] = this.counts[i++];
			}
			else if (theirs < mine) {
				mergedBuckets[n] = theirs;
				mergedCounts[n++] = other.counts[j++];
			}
			else {
				mergedBuckets[n] = mine;
				mergedCounts[n++] = Math.addExact(this.counts[i++], other.counts[j++]);
			}
		}
		long mergedTotal = Math.addExact(this.total, other.total);
		this.buckets = mergedBuckets;
		this.counts = mergedCounts;
		this.size = n;
		this.total = mergedTotal;
	}

	/**
	 * Returns how many latencies were recorded.
	 * @return the total count
	 */
	public long count() {
		return this.total;
	}

	/**
	 * Returns whether nothing was recorded.
	 * @return {@code true} when {@link #count()} is 0
	 */
	public boolean isEmpty() {
		return this.total == 0;
	}

	/**
	 * Returns a percentile by the nearest-rank definition: the representative value of
	 * the bucket holding the {@code r}-th smallest latency, where
	 * {@code r = max(1, ceil(p / 100 * n))} and {@code n} is {@link #count()}. The rank
	 * is computed in decimal, so that {@code p = 99.9} means exactly 99.9 %. The result
	 * is within 1 % of the exact nearest-rank latency (see the class description; a
	 * latency of 0 reports as 1).
	 * @param p the percentile, from 0 to 100; 0 gives the smallest latency, 100 the
	 * largest
	 * @return the latency in microseconds, or {@link Double#NaN} when the histogram is
	 * empty
	 * @throws IllegalArgumentException if {@code p} is not between 0 and 100
	 */
	public double percentile(double p) {
		if (!(p >= 0 && p <= 100)) {
			throw new IllegalArgumentException("percentile must be between 0 and 100: " + p);
		}
		if (this.total == 0) {
			return Double.NaN;
		}
		long rank = Math.max(1,
				BigDecimal.valueOf(p)
					.multiply(BigDecimal.valueOf(this.total))
					.divide(HUNDRED, 0, RoundingMode.CEILING)
					.longValueExact());
		long seen = 0;
		for (int i = 0; i < this.size; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return representative(this.buckets[i]);
			}
		}
		throw new IllegalStateException("counts do not add up to the total");
	}

	/**
	 * Returns the non-empty bucket indices, ascending; parallel to {@link #counts()}.
	 * @return a new array
	 */
	public int[] buckets() {
		return Arrays.copyOf(this.buckets, this.size);
	}

	/**
	 * Returns the counts of the non-empty buckets; parallel to {@link #buckets()}.
	 * @return a new array
	 */
	public long[] counts() {
		return Arrays.copyOf(this.counts, this.size);
	}

	/**
	 * Returns an independent copy.
	 * @return a new histogram with the same counts
	 */
	public LatencyHistogram copy() {
		return new LatencyHistogram(buckets(), counts(), this.size, this.total);
	}

	private void add(int bucket, long count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative: " + count);
		}
		if (count == 0) {
			// Keeping empty buckets out keeps the stored form canonical,
			// so equal contents mean equal arrays.
			return;
		}
		long newTotal = Math.addExact(this.total, count);
		int at = Arrays.binarySearch(this.buckets, 0, this.size, bucket);
		if (at >= 0) {
			this.counts[at] = Math.addExact(this.counts[at], count);
		}
		else {
			insert(-at - 1, bucket, count);
		}
		this.total = newTotal;
	}

	private void insert(int at, int bucket, long count) {
		if (this.size == this.buckets.length) {
			int capacity = Math.max(8, this.size * 2);
			this.buckets = Arrays.copyOf(this.buckets, capacity);
			this.counts = Arrays.copyOf(this.counts, capacity);
		}
		System.arraycopy(this.buckets, at, this.buckets, at + 1, this.size - at);
		System.arraycopy(this.counts, at, this.counts, at + 1, this.size - at);
		this.buckets[at] = bucket;
		this.counts[at] = count;
		this.size++;
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		return (obj instanceof LatencyHistogram other) && this.size == other.size
				&& Arrays.equals(this.buckets, 0, this.size, other.buckets, 0, other.size)
				&& Arrays.equals(this.counts, 0, this.size, other.counts, 0, other.size);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(buckets()) + Arrays.hashCode(counts());
	}

	@Override
	public String toString() {
		return "LatencyHistogram[count=" + this.total + ", buckets=" + this.size + "]";
	}

}

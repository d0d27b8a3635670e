package io.qtasks.benchmarks.result;

import java.util.Arrays;

/**
 * The latencies of one round, in nanoseconds, with nearest-rank percentiles.
 *
 * @author QTasks contributors
 */
public final class LatencySamples {

	private final long[] sorted;

	/**
	 * Takes one round's samples.
	 * @param nanos the latencies in nanoseconds; not empty
	 */
	public LatencySamples(long[] nanos) {
		if (nanos.length == 0) {
			throw new IllegalArgumentException("A latency round needs at least one sample");
		}
		this.sorted = nanos.clone();
		Arrays.sort(this.sorted);
	}

	/**
	 * A nearest-rank percentile.
	 * @param percent between 0 (exclusive) and 100
	 * @return the latency in milliseconds
	 */
	public double percentileMillis(double percent) {
		int rank = (int) Math.ceil(percent / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))] / 1_000_000.0;
	}

	/**
	 * The slowest sample.
	 * @return the latency in milliseconds
	 */
	public double maxMillis() {
		return this.sorted[this.sorted.length - 1] / 1_000_000.0;
	}

	/**
	 * How many samples.
	 * @return the count
	 */
	public int size() {
		return this.sorted.length;
	}

}

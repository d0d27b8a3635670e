package io.qtasks.benchmarks.result;

import java.util.Arrays;
import java.util.List;

/**
 * One figure over several rounds: its median, smallest and largest value.
 *
 * @param median the median over the rounds (the mean of the middle two for an even count)
 * @param min the smallest round
 * @param max the largest round
 * @param rounds how many rounds
 * @author QTasks contributors
 */
public record Spread(double median, double min, double max, int rounds) {

	/**
	 * Summarises rounds.
	 * @param values one value per round; not empty
	 * @return the spread
	 */
	public static Spread of(List<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("A spread needs at least one round");
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
	}

	/**
	 * Summarises rounds.
	 * @param values one value per round; not empty
	 * @return the spread
	 */
	public static Spread of(double... values) {
		return of(Arrays.stream(values).boxed().toList());
	}

}

package io.qtasks.benchmarks.result;

import java.util.List;

/**
 * A latency over several rounds: each round's p50, p99 and max, summarised over the
 * rounds. Milliseconds.
 *
 * @param p50 the rounds' medians
 * @param p99 the rounds' 99th percentiles
 * @param max the rounds' slowest samples
 * @param samplesPerRound how many samples each round took
 * @author QTasks contributors
 */
public record LatencyFigure(Spread p50, Spread p99, Spread max, int samplesPerRound) {

	/**
	 * Summarises rounds.
	 * @param rounds the rounds' samples
	 * @return the figure
	 */
	public static LatencyFigure of(List<LatencySamples> rounds) {
		return new LatencyFigure(Spread.of(rounds.stream().map((round) -> round.percentileMillis(50)).toList()),
				Spread.of(rounds.stream().map((round) -> round.percentileMillis(99)).toList()),
				Spread.of(rounds.stream().map(LatencySamples::maxMillis).toList()), rounds.get(0).size());
	}

}

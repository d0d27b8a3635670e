package io.qtasks.benchmarks.result;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the measured throughput rounds of one system at one concurrency.
 *
 * @author QTasks contributors
 */
public final class ThroughputRounds {

	private final List<Double> enqueue = new ArrayList<>();

	private final List<Double> endToEnd = new ArrayList<>();

	private String note;

	/**
	 * Adds a round.
	 * @param enqueuePerSecond its enqueue rate
	 * @param endToEndPerSecond its end-to-end rate
	 * @param note what the reader must know about it (e.g. it was capped), or
	 * {@code null}
	 */
	public void add(double enqueuePerSecond, double endToEndPerSecond, String note) {
		this.enqueue.add(enqueuePerSecond);
		this.endToEnd.add(endToEndPerSecond);
		if (note != null) {
			this.note = note;
		}
	}

	/**
	 * Keeps a note for the figure without a round, e.g. why a round did not finish.
	 * @param note the note
	 */
	public void note(String note) {
		this.note = note;
	}

	/**
	 * The figure over the rounds.
	 * @param whenEmpty why there is no figure when no round was added
	 * @return the figure, or the note (else {@code whenEmpty}) as the reason there is
	 * none
	 */
	public Outcome<ThroughputFigure> outcome(String whenEmpty) {
		if (this.endToEnd.isEmpty()) {
			return Outcome.missing((this.note != null) ? this.note : whenEmpty);
		}
		return Outcome.of(new ThroughputFigure(Spread.of(this.enqueue), Spread.of(this.endToEnd), this.note));
	}

}

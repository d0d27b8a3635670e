package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputFigure;

/**
 * The speed goals of the benchmark issue, checked against the medians of a run.
 * Throughput goals take the system's best concurrency; ratio goals must hold at every
 * concurrency both systems were measured at; latency goals take the median over rounds of
 * the percentile.
 *
 * @author QTasks contributors
 */
public final class SpeedGoals {

	private SpeedGoals() {
	}

	/**
	 * Checks every goal.
	 * @param results the run's results
	 * @return one check per goal, in the order
	 */
	public static List<Check> check(BenchmarkResults results) {
		List<Check> checks = new ArrayList<>();
		checks.add(throughput(results, SystemUnderTest.QTASKS_MEMORY, 100_000));
		checks.add(ratio(results, SystemUnderTest.QTASKS_MEMORY, SystemUnderTest.JOBRUNR, 50));
		checks.add(ratio(results, SystemUnderTest.QTASKS_MEMORY, SystemUnderTest.JOBRUNR_SMALL_BACKLOG, 20));
		CpuBounds bounds = new CpuBounds(results.batch());
		checks.add(throughput(results, SystemUnderTest.QTASKS_REDIS, 10_000)
			.boundBy(bounds.endToEnd(SystemUnderTest.QTASKS_REDIS, false)));
		checks.add(ratio(results, SystemUnderTest.QTASKS_REDIS, SystemUnderTest.CELERY, 10));
		Map<Integer, Outcome<ThroughputFigure>> batches = results.batch()
			.throughput()
			.getOrDefault(SystemUnderTest.QTASKS_REDIS, Map.of());
		checks.add(best("QTasks Redis, batch enqueue: ≥ 10,000 tasks/s end to end", batches,
				ThroughputFigure::endToEndPerSecond, 10_000)
			.boundBy(bounds.endToEnd(SystemUnderTest.QTASKS_REDIS, true)));
		checks.add(ratio("QTasks Redis, batch enqueue: ≥ 10× Celery Redis end to end", batches,
				results.throughput(SystemUnderTest.CELERY), 10));
		checks.add(best("QTasks Redis: ≥ 100,000 tasks/s enqueued in batches", batches,
				ThroughputFigure::enqueuePerSecond, 100_000)
			.boundBy(bounds.enqueue(SystemUnderTest.QTASKS_REDIS)));
		checks.add(latency(results.pickup(SystemUnderTest.QTASKS_REDIS), "QTasks Redis: idle pickup p99 < 5 ms",
				LatencyFigure::p99, 5.0));
		checks.add(latency(results.pickup(SystemUnderTest.QTASKS_MEMORY), "QTasks memory: idle pickup p99 < 1 ms",
				LatencyFigure::p99, 1.0));
		checks.add(latency(results.roundTrip(SystemUnderTest.QTASKS_REDIS), "QTasks Redis: add-and-wait p50 < 1 ms",
				LatencyFigure::p50, 1.0));
		return checks;
	}

	private static Check throughput(BenchmarkResults results, SystemUnderTest system, double goal) {
		return best(String.format(Locale.ROOT, "%s: ≥ %,.0f tasks/s end to end", system.label(), goal),
				results.throughput(system), ThroughputFigure::endToEndPerSecond, goal);
	}

	private static Check best(String text, Map<Integer, Outcome<ThroughputFigure>> figures,
			Function<ThroughputFigure, Spread> rate, double goal) {
		Integer best = null;
		double bestRate = 0;
		for (Map.Entry<Integer, Outcome<ThroughputFigure>> entry : figures.entrySet()) {
			if (entry.getValue().present() && rate.apply(entry.getValue().value()).median() > bestRate) {
				best = entry.getKey();
				bestRate = rate.apply(entry.getValue().value()).median();
			}
		}
		if (best == null) {
			return Check.notMeasured(text, reason(figures.values()));
		}
		return new Check(text, String.format(Locale.ROOT, "%,.0f tasks/s (best: concurrency %d)", bestRate, best),
				(bestRate >= goal) ? Status.MET : Status.MISSED);
	}

	private static Check ratio(BenchmarkResults results, SystemUnderTest ours, SystemUnderTest peer, double goal) {
		return ratio(String.format(Locale.ROOT, "%s: ≥ %.0f× %s end to end", ours.label(), goal, peer.label()),
				results.throughput(ours), results.throughput(peer), goal);
	}

	private static Check ratio(String text, Map<Integer, Outcome<ThroughputFigure>> ours,
			Map<Integer, Outcome<ThroughputFigure>> peer, double goal) {
		Double worst = null;
		int worstAt = 0;
		for (Map.Entry<Integer, Outcome<ThroughputFigure>> mine : ours.entrySet()) {
			Outcome<ThroughputFigure> theirs = peer.get(mine.getKey());
			if (mine.getValue().present() && theirs != null && theirs.present()) {
				double ratio = mine.getValue().value().endToEndPerSecond().median()
						/ theirs.value().endToEndPerSecond().median();
				if (worst == null || ratio < worst) {
					worst = ratio;
					worstAt = mine.getKey();
				}
			}
		}
		if (worst == null) {
			List<Outcome<ThroughputFigure>> outcomes = new ArrayList<>(ours.values());
			outcomes.addAll(peer.values());
			return Check.notMeasured(text, reason(outcomes));
		}
		return new Check(text, String.format(Locale.ROOT, "lowest %.1f× (at concurrency %d)", worst, worstAt),
				(worst >= goal) ? Status.MET : Status.MISSED);
	}

	private static Check latency(Optional<Outcome<LatencyFigure>> outcome, String text,
			Function<LatencyFigure, Spread> percentile, double goalMillis) {
		if (outcome.isEmpty() || !outcome.get().present()) {
			return Check.notMeasured(text, outcome.map(Outcome::reason).orElse("not run"));
		}
		double millis = percentile.apply(outcome.get().value()).median();
		return new Check(text, String.format(Locale.ROOT, "%.3f ms", millis),
				(millis < goalMillis) ? Status.MET : Status.MISSED);
	}

	private static <T> String reason(Iterable<Outcome<T>> outcomes) {
		for (Outcome<T> outcome : outcomes) {
			if (!outcome.present()) {
				return outcome.reason();
			}
		}
		return "not run";
	}

	/**
	 * Whether a goal is met.
	 */
	public enum Status {

		/** The measured figure meets the goal. */
		MET("met"),

		/** The measured figure misses the goal. */
		MISSED("**missed**"),

		/** No figure to check. */
		NOT_MEASURED("not measured");

		private final String text;

		Status(String text) {
			this.text = text;
		}

		/**
		 * The status as the report writes it.
		 * @return the text
		 */
		public String text() {
			return this.text;
		}

	}

	/**
	 * One goal checked.
	 *
	 * @param goal the goal
	 * @param measured what was measured, or why nothing was
	 * @param status the verdict
	 */
	public record Check(String goal, String measured, Status status) {

		static Check notMeasured(String goal, String reason) {
			return new Check(goal, reason, Status.NOT_MEASURED);
		}

		/**
		 * A missed goal with what bounds it appended to what was measured.
		 * @param bound what bounds it, if measured
		 * @return the check, unchanged unless the goal was missed and a bound is known
		 */
		Check boundBy(Optional<String> bound) {
			if (this.status != Status.MISSED || bound.isEmpty()) {
				return this;
			}
			return new Check(this.goal, this.measured + "; " + bound.get(), this.status);
		}

	}

}

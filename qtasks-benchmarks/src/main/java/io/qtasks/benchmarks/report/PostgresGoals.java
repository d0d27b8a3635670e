package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresResults;
import io.qtasks.benchmarks.result.PostgresSystem;

/**
 * The speed goals of the JDBC engine (issue 19), checked against a run's medians: batch
 * enqueue end to end at least 12,000 tasks/s and at least twice db-scheduler's best,
 * one-call enqueue end to end at least 80 % of the one-client commit ceiling, and idle
 * pickup p99 on another node under 10 ms.
 *
 * @author QTasks contributors
 */
public final class PostgresGoals {

	static final double BATCH_GOAL = 12_000;

	static final double BATCH_RATIO_GOAL = 2;

	static final double ONE_CALL_SHARE_GOAL = 0.8;

	static final double PICKUP_P99_GOAL_MILLIS = 10;

	private PostgresGoals() {
	}

	/**
	 * Checks every goal.
	 * @param results the run's PostgreSQL results
	 * @return one check per goal
	 */
	public static List<SpeedGoals.Check> check(PostgresResults results) {
		List<SpeedGoals.Check> checks = new ArrayList<>();
		Optional<Double> batch = results.bestEndToEnd(PostgresSystem.QTASKS_JDBC, EnqueueMode.BATCH);
		checks.add(atLeast("QTasks JDBC: batch enqueue ≥ 12,000 tasks/s end to end", batch, BATCH_GOAL,
				(rate) -> String.format(Locale.ROOT, "%,.0f tasks/s (best concurrency)", rate)));
		Optional<Double> peerBest = bestDbScheduler(results);
		Optional<Double> ratio = batch.flatMap((ours) -> peerBest.map((theirs) -> ours / theirs));
		checks.add(atLeast("QTasks JDBC: batch enqueue ≥ 2× db-scheduler's best end to end", ratio, BATCH_RATIO_GOAL,
				(value) -> String.format(Locale.ROOT, "%.1f× (%,.0f against %,.0f tasks/s)", value, batch.get(),
						peerBest.get())));
		Optional<Double> oneCall = results.bestEndToEnd(PostgresSystem.QTASKS_JDBC, EnqueueMode.ONE_CALL);
		Optional<Double> ceiling = results.ceiling(1);
		Optional<Double> share = oneCall.flatMap((ours) -> ceiling.map((limit) -> ours / limit));
		checks.add(atLeast("QTasks JDBC: one-call enqueue ≥ 80 % of the one-client commit ceiling end to end", share,
				ONE_CALL_SHARE_GOAL, (value) -> String.format(Locale.ROOT, "%.0f %% (%,.0f of %,.0f commits/s)",
						100 * value, oneCall.get(), ceiling.get())));
		Optional<Outcome<LatencyFigure>> pickup = results.pickup(PostgresSystem.QTASKS_JDBC);
		if (pickup.isEmpty() || !pickup.get().present()) {
			checks.add(new SpeedGoals.Check("QTasks JDBC: idle pickup p99 < 10 ms on another node",
					pickup.map(Outcome::reason).orElse("not run"), SpeedGoals.Status.NOT_MEASURED));
		}
		else {
			double p99 = pickup.get().value().p99().median();
			checks.add(new SpeedGoals.Check("QTasks JDBC: idle pickup p99 < 10 ms on another node",
					String.format(Locale.ROOT, "%.3f ms", p99),
					(p99 < PICKUP_P99_GOAL_MILLIS) ? SpeedGoals.Status.MET : SpeedGoals.Status.MISSED));
		}
		return checks;
	}

	/**
	 * db-scheduler's best end-to-end rate over both variants, modes and concurrencies.
	 * @param results the run's results
	 * @return the rate, when measured
	 */
	static Optional<Double> bestDbScheduler(PostgresResults results) {
		Optional<Double> best = Optional.empty();
		for (PostgresSystem system : List.of(PostgresSystem.DB_SCHEDULER, PostgresSystem.DB_SCHEDULER_IMMEDIATE)) {
			for (EnqueueMode mode : EnqueueMode.values()) {
				Optional<Double> rate = results.bestEndToEnd(system, mode);
				if (rate.isPresent() && (best.isEmpty() || rate.get() > best.get())) {
					best = rate;
				}
			}
		}
		return best;
	}

	private static SpeedGoals.Check atLeast(String goal, Optional<Double> measured, double target,
			Function<Double, String> text) {
		if (measured.isEmpty()) {
			return new SpeedGoals.Check(goal, "not measured in this run", SpeedGoals.Status.NOT_MEASURED);
		}
		return new SpeedGoals.Check(goal, text.apply(measured.get()),
				(measured.get() >= target) ? SpeedGoals.Status.MET : SpeedGoals.Status.MISSED);
	}

}

package io.qtasks.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.qtasks.benchmarks.result.BatchResults;
import io.qtasks.benchmarks.result.EnqueueCost;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.TaskCost;

/**
 * What CPU time alone allows, from the batch suite's costs: the sentence a missed
 * throughput goal carries to say what bounds it on the measuring machine.
 *
 * @author QTasks contributors
 */
final class CpuBounds {

	private final BatchResults batch;

	CpuBounds(BatchResults batch) {
		this.batch = batch;
	}

	/**
	 * The bound of the end-to-end rate with one way of enqueueing, at the concurrency
	 * whose bound is highest.
	 * @param system the system
	 * @param batches {@code true} for batch enqueue, {@code false} for single
	 * @return the sentence, or empty when the costs were not measured
	 */
	Optional<String> endToEnd(SystemUnderTest system, boolean batches) {
		int cores = this.batch.cores();
		return this.batch.costs()
			.getOrDefault(system, List.of())
			.stream()
			.filter((cost) -> cost.enqueue().startsWith("batches") == batches && cost.cpuBoundPerSecond(cores) > 0)
			.max(Comparator.comparingDouble((TaskCost cost) -> cost.cpuBoundPerSecond(cores)))
			.map((cost) -> sentence(cost.cpuBoundPerSecond(cores), cost.cpuMicros(), cost.redisCpuMicros(),
					"at concurrency " + cost.concurrency()));
	}

	/**
	 * The bound of enqueueing in batches, from enqueueing alone.
	 * @param system the system
	 * @return the sentence, or empty when it was not measured
	 */
	Optional<String> enqueue(SystemUnderTest system) {
		Outcome<EnqueueCost> alone = this.batch.enqueueAlone().get(system);
		if (alone == null || !alone.present() || alone.value().cpuBoundPerSecond(this.batch.cores()) <= 0) {
			return Optional.empty();
		}
		EnqueueCost cost = alone.value();
		return Optional.of(String.format(Locale.ROOT, "enqueued alone (no worker running): %,.0f tasks/s; ",
				cost.perSecond().median())
				+ sentence(cost.cpuBoundPerSecond(this.batch.cores()), cost.cpuMicros(), cost.redisCpuMicros(),
						"producer only"));
	}

	private String sentence(double bound, double jvmMicros, double redisMicros, String where) {
		String sentence = String.format(Locale.ROOT,
				"bound by CPU: %.0f µs in the JVM + %.0f µs in Redis per task (%s) keep %d cores busy at %,.0f "
						+ "tasks/s",
				jvmMicros, redisMicros, where, this.batch.cores(), bound);
		if (redisMicros <= 0) {
			return sentence;
		}
		// Redis runs commands and scripts on one thread, however many cores it has
		return sentence + String.format(Locale.ROOT, ", and Redis's one command thread alone at %,.0f tasks/s",
				1e6 / redisMicros);
	}

}

package io.qtasks.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.qtasks.benchmarks.result.BatchResults;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.TaskCost;
import io.qtasks.benchmarks.result.ThroughputFigure;

/**
 * The batch suite's tables: throughput with tasks enqueued in batches, against the goal
 * of 100,000 tasks/s enqueued on Redis, and what a task costs with single and with batch
 * enqueue.
 *
 * @author QTasks contributors
 */
final class BatchSection {

	/**
	 * Tasks per second that QTasks Redis should enqueue in batches.
	 */
	static final double REDIS_BATCH_ENQUEUE_GOAL = 100_000;

	private final BatchResults results;

	private final MarkdownPage page;

	BatchSection(BatchResults results, MarkdownPage page) {
		this.results = results;
		this.page = page;
	}

	void write() {
		if (this.results.isEmpty()) {
			return;
		}
		this.page.line("## Batch enqueue and the cost of a task");
		this.page.line();
		this.page.line(String.format(Locale.ROOT,
				"One producer thread enqueues the round's N no-op tasks with `QTasks.addAll`, %,d per call (on Redis "
						+ "one script call per batch); otherwise as the throughput rounds.",
				this.results.batchSize()));
		this.page.line();
		this.page.line("| System | Concurrency | Enqueue in batches (tasks/s) | End to end (tasks/s) | Rounds |");
		this.page.line("|---|---:|---:|---:|---:|");
		this.results.throughput().forEach(this::throughputRows);
		this.page.line();
		goal();
		costs();
	}

	private void throughputRows(SystemUnderTest system, Map<Integer, Outcome<ThroughputFigure>> byConcurrency) {
		byConcurrency.forEach((concurrency, outcome) -> {
			if (!outcome.present()) {
				this.page.line("| " + system.label() + " | " + concurrency + " | " + MarkdownPage.cell(outcome.reason())
						+ " | | |");
				return;
			}
			ThroughputFigure figure = outcome.value();
			this.page
				.line("| " + system.label() + " | " + concurrency + " | " + MarkdownPage.rate(figure.enqueuePerSecond())
						+ " | " + MarkdownPage.rate(figure.endToEndPerSecond()) + " | "
						+ figure.endToEndPerSecond().rounds() + " |");
		});
	}

	private void goal() {
		double best = this.results.throughput()
			.getOrDefault(SystemUnderTest.QTASKS_REDIS, Map.of())
			.values()
			.stream()
			.filter(Outcome::present)
			.mapToDouble((outcome) -> outcome.value().enqueuePerSecond().median())
			.max()
			.orElse(-1);
		if (best < 0) {
			return;
		}
		this.page.line(String.format(Locale.ROOT,
				"Goal: QTasks Redis enqueues ≥ %,.0f tasks/s in batches: %,.0f "
						+ "tasks/s at its best concurrency, **%s**.",
				REDIS_BATCH_ENQUEUE_GOAL, best, (best >= REDIS_BATCH_ENQUEUE_GOAL) ? "met" : "missed"));
		this.page.line();
	}

	private void costs() {
		if (this.results.costs().isEmpty()) {
			return;
		}
		this.page.line("### What a task costs");
		this.page.line();
		this.page.line("Per task, producer and worker in one node together, over the rounds above (batches) and one "
				+ "round with single enqueue (`addTask`) at the same concurrency. *Redis commands* are counted by "
				+ "`INFO commandstats` (commands inside scripts included), *script calls* are the EVALSHAs among them, "
				+ "*client round trips* are the commands the node's Lettuce client completed (the engine never "
				+ "pipelines, so each is one request and its reply), *JVM CPU* is the process CPU time of the harness "
				+ "JVM during the round divided by N.");
		this.page.line();
		this.page.line("| System | Enqueue | Concurrency | End to end (tasks/s) | Redis commands | Script calls "
				+ "| Client round trips | JVM CPU (µs) |");
		this.page.line("|---|---|---:|---:|---:|---:|---:|---:|");
		this.results.costs().forEach(this::costRows);
		this.page.line();
	}

	private void costRows(SystemUnderTest system, List<TaskCost> costs) {
		boolean redis = system == SystemUnderTest.QTASKS_REDIS;
		for (TaskCost cost : costs) {
			this.page.line("| " + system.label() + " | " + cost.enqueue() + " | " + cost.concurrency() + " | "
					+ MarkdownPage.rate(cost.endToEndPerSecond()) + " | " + perTask(redis, cost.redisCommands()) + " | "
					+ perTask(redis, cost.scriptCalls()) + " | " + perTask(redis, cost.roundTrips()) + " | "
					+ String.format(Locale.ROOT, "%,.0f", cost.cpuMicros()) + " |");
		}
	}

	private static String perTask(boolean redis, double value) {
		return redis ? String.format(Locale.ROOT, "%.2f", value) : "";
	}

}

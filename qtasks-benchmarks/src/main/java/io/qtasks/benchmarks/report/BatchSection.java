package io.qtasks.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.qtasks.benchmarks.result.BatchResults;
import io.qtasks.benchmarks.result.EnqueueCost;
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
		enqueueAlone();
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

	private void enqueueAlone() {
		if (this.results.enqueueAlone().isEmpty()) {
			return;
		}
		this.page.line("Enqueueing alone: a client-only node adds the round's N tasks in batches while no worker runs "
				+ "(the tasks stay queued), so the producer has the machine to itself. *CPU bound* is the rate at "
				+ "which the JVM's and Redis's CPU time per task would keep all " + this.results.cores()
				+ " cores busy.");
		this.page.line();
		this.page.line(
				"| System | Enqueue alone in batches (tasks/s) | JVM CPU (µs) | Redis CPU (µs) | CPU bound (tasks/s) |");
		this.page.line("|---|---:|---:|---:|---:|");
		this.results.enqueueAlone().forEach((system, outcome) -> {
			if (!outcome.present()) {
				this.page.line("| " + system.label() + " | " + MarkdownPage.cell(outcome.reason()) + " | | | |");
				return;
			}
			EnqueueCost cost = outcome.value();
			this.page.line("| " + system.label() + " | " + MarkdownPage.rate(cost.perSecond()) + " | "
					+ micros(cost.cpuMicros()) + " | " + micros(cost.redisCpuMicros()) + " | "
					+ count(cost.cpuBoundPerSecond(this.results.cores())) + " |");
		});
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
				+ "JVM during the round divided by N, *Redis CPU* the Redis server's (`INFO cpu`, user and system, "
				+ "server-wide) divided by N, and *CPU bound* the end-to-end rate at which these two would keep all "
				+ this.results.cores() + " cores busy: what CPU time alone allows on this machine.");
		this.page.line();
		this.page.line("| System | Enqueue | Concurrency | End to end (tasks/s) | Redis commands | Script calls "
				+ "| Client round trips | JVM CPU (µs) | Redis CPU (µs) | CPU bound (tasks/s) |");
		this.page.line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
		this.results.costs().forEach(this::costRows);
		this.page.line();
	}

	private void costRows(SystemUnderTest system, List<TaskCost> costs) {
		boolean redis = system == SystemUnderTest.QTASKS_REDIS;
		for (TaskCost cost : costs) {
			this.page.line("| " + system.label() + " | " + cost.enqueue() + " | " + cost.concurrency() + " | "
					+ MarkdownPage.rate(cost.endToEndPerSecond()) + " | " + perTask(redis, cost.redisCommands()) + " | "
					+ perTask(redis, cost.scriptCalls()) + " | " + perTask(redis, cost.roundTrips()) + " | "
					+ micros(cost.cpuMicros()) + " | " + (redis ? micros(cost.redisCpuMicros()) : "") + " | "
					+ count(cost.cpuBoundPerSecond(this.results.cores())) + " |");
		}
	}

	private static String micros(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String count(double perSecond) {
		return (perSecond > 0) ? String.format(Locale.ROOT, "%,.0f", perSecond) : "";
	}

	private static String perTask(boolean redis, double value) {
		return redis ? String.format(Locale.ROOT, "%.2f", value) : "";
	}

}

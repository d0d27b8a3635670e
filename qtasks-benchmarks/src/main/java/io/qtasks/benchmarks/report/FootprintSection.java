package io.qtasks.benchmarks.report;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.FootprintFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The worker-heap table: the used heap as tasks pend.
 *
 * @author QTasks contributors
 */
final class FootprintSection {

	private final BenchmarkResults results;

	private final BenchmarkOptions options;

	private final MarkdownPage page;

	FootprintSection(BenchmarkResults results, BenchmarkOptions options, MarkdownPage page) {
		this.results = results;
		this.options = options;
		this.page = page;
	}

	void write() {
		this.page.line("## Worker heap with tasks pending");
		this.page.line();
		this.page.line(String.format(Locale.ROOT,
				"A worker node (concurrency %d) whose slots are all held by blocking tasks while a client-only node "
						+ "enqueues %,d no-op tasks in four steps; after each step the used heap after a full GC. Both "
						+ "nodes share one JVM, so the growth is an upper bound of the worker's. Flat means it grew "
						+ "by at most 32 bytes per pending task (32 MiB for a million; at least 4 MiB of GC noise is "
						+ "allowed).",
				this.options.latencyConcurrency(), this.options.footprintTasks()));
		this.page.line();
		this.page.line("| System | Used heap by pending tasks | Growth | Per pending task | Flat |");
		this.page.line("|---|---|---:|---:|---|");
		for (SystemUnderTest system : SystemUnderTest.values()) {
			Optional<Outcome<FootprintFigure>> outcome = this.results.footprint(system);
			if (outcome.isEmpty()) {
				continue;
			}
			if (!outcome.get().present()) {
				this.page.line("| " + system.label() + " | " + MarkdownPage.cell(outcome.get().reason()) + " | | | |");
				continue;
			}
			FootprintFigure figure = outcome.get().value();
			String steps = figure.steps()
				.stream()
				.map((step) -> String.format(Locale.ROOT, "%s: %,.1f MiB",
						ThroughputChart.shortNumber(step.pendingTasks()), step.usedHeapBytes() / (1024.0 * 1024.0)))
				.collect(Collectors.joining(", "));
			this.page.line("| " + system.label() + " | " + steps + " | "
					+ String.format(Locale.ROOT, "%+,.1f MiB", figure.growthBytes() / (1024.0 * 1024.0)) + " | "
					+ String.format(Locale.ROOT, "%,.0f B", figure.bytesPerPendingTask()) + " | "
					+ (figure.flat() ? "yes" : "**no**") + " |");
		}
		this.page.line();
	}

}

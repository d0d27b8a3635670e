package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.qtasks.benchmarks.qtasks.NoopTasks;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.FlowFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The flow-control table: capped and uncapped throughput and what an unreached limit
 * costs.
 *
 * @author QTasks contributors
 */
final class FlowControlSection {

	private final BenchmarkResults results;

	private final MarkdownPage page;

	FlowControlSection(BenchmarkResults results, MarkdownPage page) {
		this.results = results;
		this.page = page;
	}

	void write() {
		List<SystemUnderTest> measured = new ArrayList<>();
		for (SystemUnderTest system : SystemUnderTest.values()) {
			this.results.flow(system).ifPresent((outcome) -> measured.add(system));
		}
		if (measured.isEmpty()) {
			return;
		}
		this.page.line("## Flow control");
		this.page.line();
		this.page.line("*Capped*: end to end of no-op tasks with `@QTask(maxConcurrency = " + NoopTasks.CAP
				+ ")` beside the same tasks without a cap, one node at concurrency 16, one producer thread. "
				+ "*Unreached limit*: add-and-wait of a no-op task with a cap and a rate it never reaches "
				+ "(`maxConcurrency = 100000`, `rateLimit = \"100000000/1s\"`) beside one without limits; the "
				+ "difference is what checking a limit costs when it does not hold a task back. Milliseconds.");
		this.page.line();
		this.page.line(
				"| System | Tasks per round | Uncapped (tasks/s) | Capped (tasks/s) | Add-and-wait p50 / p99, no limits "
						+ "| Add-and-wait p50 / p99, unreached limit | Extra p50 |");
		this.page.line("|---|---:|---:|---:|---:|---:|---:|");
		for (SystemUnderTest system : measured) {
			Outcome<FlowFigure> outcome = this.results.flow(system).orElseThrow();
			if (!outcome.present()) {
				this.page.line("| " + system.label() + " | " + MarkdownPage.cell(outcome.reason()) + " | | | | | |");
				continue;
			}
			FlowFigure figure = outcome.value();
			double extra = figure.unreached().p50().median() - figure.unlimited().p50().median();
			this.page.line("| " + system.label() + " | " + String.format(Locale.ROOT, "%,d", figure.tasksPerRound())
					+ " | " + MarkdownPage.rate(figure.uncappedPerSecond()) + " | "
					+ MarkdownPage.rate(figure.cappedPerSecond()) + " | "
					+ MarkdownPage.millis(figure.unlimited().p50()) + " / "
					+ MarkdownPage.millis(figure.unlimited().p99()) + " | "
					+ MarkdownPage.millis(figure.unreached().p50()) + " / "
					+ MarkdownPage.millis(figure.unreached().p99()) + " | "
					+ String.format(Locale.ROOT, "%+.3f ms", extra) + " |");
		}
		this.page.line();
	}

}

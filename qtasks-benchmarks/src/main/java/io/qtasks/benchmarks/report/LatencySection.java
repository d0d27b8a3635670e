package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The idle-pickup and add-and-wait latency table.
 *
 * @author QTasks contributors
 */
final class LatencySection {

	private static final List<SystemUnderTest> PEERS = List.of(SystemUnderTest.JOBRUNR, SystemUnderTest.CELERY);

	private final BenchmarkResults results;

	private final BenchmarkOptions options;

	private final MarkdownPage page;

	LatencySection(BenchmarkResults results, BenchmarkOptions options, MarkdownPage page) {
		this.results = results;
		this.options = options;
		this.page = page;
	}

	void write() {
		this.page.line("## Latency");
		this.page.line();
		this.page.line("*Idle pickup*: single tasks spaced 1–5 ms apart on an idle worker (concurrency "
				+ this.options.latencyConcurrency() + "), from just before the enqueue call to the first line of the "
				+ "task method. *Add-and-wait*: `task(\"noop\").addAndWait(...)` (Celery: `noop.delay().get()`), one "
				+ "after the other. QTasks warms each latency node up with 5,000 tasks back to back and 200 unreported "
				+ "samples. Milliseconds.");
		this.page.line();
		this.page.line(
				"| Figure | System | p50 | p99 | max | Samples × rounds | × JobRunr (p50 / p99) | × Celery (p50 / p99) |");
		this.page.line("|---|---|---:|---:|---:|---:|---:|---:|");
		latencyRows("Idle pickup", this.results::pickup);
		latencyRows("Add-and-wait", this.results::roundTrip);
		this.page.line();
	}

	private void latencyRows(String figureName, Function<SystemUnderTest, Optional<Outcome<LatencyFigure>>> figures) {
		for (SystemUnderTest system : SystemUnderTest.values()) {
			Optional<Outcome<LatencyFigure>> outcome = figures.apply(system);
			if (outcome.isEmpty()) {
				continue;
			}
			if (!outcome.get().present()) {
				this.page.line("| " + figureName + " | " + system.label() + " | "
						+ MarkdownPage.cell(outcome.get().reason()) + " | | | | | |");
				continue;
			}
			LatencyFigure figure = outcome.get().value();
			List<String> ratios = new ArrayList<>();
			for (SystemUnderTest peer : PEERS) {
				Optional<LatencyFigure> theirs = figures.apply(peer).filter(Outcome::present).map(Outcome::value);
				ratios.add((system.ours() && theirs.isPresent())
						? MarkdownPage.ratio(theirs.get().p50().median() / figure.p50().median()) + " / "
								+ MarkdownPage.ratio(theirs.get().p99().median() / figure.p99().median())
						: "");
			}
			this.page.line("| " + figureName + " | " + system.label() + " | " + MarkdownPage.millis(figure.p50())
					+ " | " + MarkdownPage.millis(figure.p99()) + " | " + MarkdownPage.millis(figure.max()) + " | "
					+ figure.samplesPerRound() + " × " + figure.p50().rounds() + " | " + String.join(" | ", ratios)
					+ " |");
		}
	}

}

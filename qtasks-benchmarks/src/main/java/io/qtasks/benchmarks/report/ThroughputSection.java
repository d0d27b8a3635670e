package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputFigure;

/**
 * The throughput table, with each figure's ratio to each peer, and the chart.
 *
 * @author QTasks contributors
 */
final class ThroughputSection {

	private static final List<SystemUnderTest> PEERS = List.of(SystemUnderTest.JOBRUNR, SystemUnderTest.CELERY);

	private final BenchmarkResults results;

	private final BenchmarkOptions options;

	private final String chartFile;

	private final MarkdownPage page;

	ThroughputSection(BenchmarkResults results, BenchmarkOptions options, String chartFile, MarkdownPage page) {
		this.results = results;
		this.options = options;
		this.chartFile = chartFile;
		this.page = page;
	}

	void write() {
		this.page.line("## Throughput (no-op tasks)");
		this.page.line();
		this.page.line(String.format(Locale.ROOT,
				"N = %,d tasks per round in memory (QTasks memory, JobRunr) and %,d on Redis (QTasks Redis, "
						+ "Celery), one producer thread. *Enqueue* is N ÷ the time to enqueue them all (the "
						+ "worker already consuming); *end to end* is N ÷ the time from the first enqueue to the last "
						+ "stored success.",
				this.options.n(), this.options.redisN()));
		this.page.line();
		this.page.line(
				"| System | Concurrency | Enqueue (tasks/s) | End to end (tasks/s) | Rounds | × JobRunr | × Celery |");
		this.page.line("|---|---:|---:|---:|---:|---:|---:|");
		for (SystemUnderTest system : SystemUnderTest.values()) {
			Map<Integer, Outcome<ThroughputFigure>> figures = this.results.throughput(system);
			for (Map.Entry<Integer, Outcome<ThroughputFigure>> entry : figures.entrySet()) {
				int concurrency = entry.getKey();
				Outcome<ThroughputFigure> outcome = entry.getValue();
				if (!outcome.present()) {
					this.page.line("| " + system.label() + " | " + concurrency + " | "
							+ MarkdownPage.cell(outcome.reason()) + " | | | | |");
					continue;
				}
				ThroughputFigure figure = outcome.value();
				List<String> ratios = new ArrayList<>();
				for (SystemUnderTest peer : PEERS) {
					Optional<ThroughputFigure> theirs = this.results.throughputFigure(peer, concurrency);
					ratios.add((system.ours() && theirs.isPresent())
							? MarkdownPage
								.ratio(figure.endToEndPerSecond().median() / theirs.get().endToEndPerSecond().median())
							: "");
				}
				this.page.line("| " + system.label() + " | " + concurrency + " | "
						+ MarkdownPage.rate(figure.enqueuePerSecond()) + " | "
						+ MarkdownPage.rate(figure.endToEndPerSecond())
						+ ((figure.note() != null) ? " (" + MarkdownPage.cell(figure.note()) + ")" : "") + " | "
						+ figure.endToEndPerSecond().rounds() + " | " + String.join(" | ", ratios) + " |");
			}
		}
		this.page.line();
		this.page.line("![End-to-end throughput against worker concurrency](" + this.chartFile + ")");
		this.page.line();
	}

}

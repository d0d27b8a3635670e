package io.qtasks.benchmarks.report;

import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.CommitCeiling;
import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresResults;
import io.qtasks.benchmarks.result.PostgresSystem;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.ThroughputFigure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgresGoals} and {@link PostgresSection} on made-up figures.
 *
 * @author QTasks contributors
 */
class PostgresReportTests {

	@Test
	void goalsCompareWithDbSchedulersBestAndTheOneClientCeiling() {
		List<SpeedGoals.Check> checks = PostgresGoals.check(results().postgres());

		assertThat(checks).extracting(SpeedGoals.Check::status)
			.containsExactly(SpeedGoals.Status.MET, SpeedGoals.Status.MISSED, SpeedGoals.Status.MET,
					SpeedGoals.Status.MISSED);
		assertThat(checks.get(0).measured()).isEqualTo("13,000 tasks/s (best concurrency)");
		// db-scheduler's best is its batch figure with immediate execution: 7,000
		assertThat(checks.get(1).measured()).isEqualTo("1.9× (13,000 against 7,000 tasks/s)");
		assertThat(checks.get(2).measured()).isEqualTo("84 % (2,100 of 2,500 commits/s)");
		assertThat(checks.get(3).measured()).isEqualTo("12.000 ms");
	}

	@Test
	void sectionShowsRatiosPerModeTheCeilingAndThePublishedFigures() {
		String markdown = new MarkdownReport(results(), BenchmarkOptions.parse("--concurrency=4"), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		assertThat(markdown).contains("## PostgreSQL: QTasks JDBC beside db-scheduler and JobRunr",
				"| QTasks JDBC | batch | 16 | 40,000 (40,000–40,000) | 13,000 (12,000–14,000) | 2.6× | 1.9× |  |",
				"| QTasks JDBC | one call | 16 | 2,200 (2,200–2,200) | 2,100 (2,100–2,100) | 1.1× |  | 2.1× |",
				"| db-scheduler | one call | 16 | 2,000 (2,000–2,000) | 2,000 (2,000–2,000) |  |  |  |",
				"| JobRunr PostgreSQL | batch | 16 | failed: boom |",
				"| QTasks JDBC | another node | 3.000 (3.000–3.000) | 12.000 (12.000–12.000) |",
				"| db-scheduler immediate | the worker's node | 6.000 (6.000–6.000) | 24.000 (24.000–24.000) |",
				"| 1 | 2,500 | 0.400 |", "| River (Go) | ~46,000 jobs/s |",
				"| QTasks JDBC: batch enqueue ≥ 12,000 tasks/s end to end | 13,000 tasks/s (best concurrency) | met |");
		assertThat(markdown).contains("2.0× / 2.0×");
	}

	@Test
	void sectionIsLeftOutWhenNoPostgresSuiteRan() {
		String markdown = new MarkdownReport(new BenchmarkResults(), BenchmarkOptions.parse(), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		assertThat(markdown).doesNotContain("## PostgreSQL");
	}

	private static BenchmarkResults results() {
		BenchmarkResults results = new BenchmarkResults();
		PostgresResults postgres = results.postgres();
		postgres.throughput(PostgresSystem.QTASKS_JDBC, EnqueueMode.BATCH, 16,
				Outcome.of(new ThroughputFigure(Spread.of(40_000), Spread.of(12_000, 13_000, 14_000), null)));
		postgres.throughput(PostgresSystem.QTASKS_JDBC, EnqueueMode.ONE_CALL, 16,
				Outcome.of(new ThroughputFigure(Spread.of(2_200), Spread.of(2_100), null)));
		postgres.throughput(PostgresSystem.DB_SCHEDULER, EnqueueMode.ONE_CALL, 16,
				Outcome.of(new ThroughputFigure(Spread.of(2_000), Spread.of(2_000), null)));
		postgres.throughput(PostgresSystem.DB_SCHEDULER, EnqueueMode.BATCH, 16,
				Outcome.of(new ThroughputFigure(Spread.of(30_000), Spread.of(5_000), null)));
		postgres.throughput(PostgresSystem.DB_SCHEDULER_IMMEDIATE, EnqueueMode.BATCH, 16,
				Outcome.of(new ThroughputFigure(Spread.of(30_000), Spread.of(7_000), null)));
		postgres.throughput(PostgresSystem.JOBRUNR_POSTGRES, EnqueueMode.ONE_CALL, 16,
				Outcome.of(new ThroughputFigure(Spread.of(1_200), Spread.of(1_000), null)));
		postgres.throughput(PostgresSystem.JOBRUNR_POSTGRES, EnqueueMode.BATCH, 16, Outcome.missing("failed: boom"));
		postgres.pickup(PostgresSystem.QTASKS_JDBC, Outcome.of(latency(3, 12)));
		postgres.pickup(PostgresSystem.DB_SCHEDULER_IMMEDIATE, Outcome.of(latency(6, 24)));
		postgres.ceiling(Outcome.of(List.of(new CommitCeiling(1, 2_500, 0.4), new CommitCeiling(8, 9_000, 0.9))));
		return results;
	}

	private static LatencyFigure latency(double p50, double p99) {
		return new LatencyFigure(Spread.of(p50), Spread.of(p99), Spread.of(p99 * 2), 1000);
	}

}

package io.qtasks.benchmarks.report;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.CeilingFigure;
import io.qtasks.benchmarks.result.EnqueueCost;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.TaskCost;
import io.qtasks.benchmarks.result.ThroughputFigure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpeedGoals}, {@link MarkdownReport} and {@link ThroughputChart} on
 * made-up figures.
 *
 * @author QTasks contributors
 */
class ReportTests {

	private static final String NOT_AVAILABLE = "not available in this build";

	@Test
	void goalsAreCheckedAgainstMediansAndMissingFiguresSayWhy() {
		BenchmarkResults results = results();

		List<SpeedGoals.Check> checks = SpeedGoals.check(results);

		assertThat(checks).extracting(SpeedGoals.Check::status)
			.containsExactly(SpeedGoals.Status.MET, SpeedGoals.Status.MISSED, SpeedGoals.Status.NOT_MEASURED,
					SpeedGoals.Status.NOT_MEASURED, SpeedGoals.Status.NOT_MEASURED, SpeedGoals.Status.NOT_MEASURED,
					SpeedGoals.Status.NOT_MEASURED, SpeedGoals.Status.NOT_MEASURED, SpeedGoals.Status.NOT_MEASURED,
					SpeedGoals.Status.MET, SpeedGoals.Status.NOT_MEASURED);
		assertThat(checks.get(0).measured()).isEqualTo("150,000 tasks/s (best: concurrency 4)");
		// 120,000 / 3,000 = 40× at concurrency 1 is the lowest ratio; 150,000 / 1,000 =
		// 150× at 4
		assertThat(checks.get(1).measured()).isEqualTo("lowest 40.0× (at concurrency 1)");
		assertThat(checks.get(3).measured()).isEqualTo(NOT_AVAILABLE);
		assertThat(checks.get(10).goal()).isEqualTo("QTasks Redis: add-and-wait p50 < 1 ms");
	}

	@Test
	void batchGoalsAndTheRatioToJobRunrAtASmallBacklogAreChecked() {
		BenchmarkResults results = results();
		results.throughput(SystemUnderTest.JOBRUNR_SMALL_BACKLOG, 1,
				Outcome.of(new ThroughputFigure(Spread.of(30_000), Spread.of(4_000), null)));
		results.batch()
			.throughput(SystemUnderTest.QTASKS_REDIS, 4,
					Outcome.of(new ThroughputFigure(Spread.of(120_000, 125_000), Spread.of(9_000, 9_500), null)));

		List<SpeedGoals.Check> checks = SpeedGoals.check(results);

		// 120,000 / 4,000 = 30× at concurrency 1, the only one JobRunr ran at N = 10,000
		assertThat(checks.get(2)).extracting(SpeedGoals.Check::measured, SpeedGoals.Check::status)
			.containsExactly("lowest 30.0× (at concurrency 1)", SpeedGoals.Status.MET);
		assertThat(checks.get(5)).extracting(SpeedGoals.Check::measured, SpeedGoals.Check::status)
			.containsExactly("9,250 tasks/s (best: concurrency 4)", SpeedGoals.Status.MISSED);
		assertThat(checks.get(7)).extracting(SpeedGoals.Check::measured, SpeedGoals.Check::status)
			.containsExactly("122,500 tasks/s (best: concurrency 4)", SpeedGoals.Status.MET);
	}

	@Test
	void reportShowsRatiosToEachPeerAndReasonsForMissingFigures() {
		BenchmarkResults results = results();

		String markdown = new MarkdownReport(results, BenchmarkOptions.parse("--concurrency=1,4"), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		assertThat(markdown).contains(
				"| QTasks memory | 1 | 400,000 (390,000–410,000) | 120,000 (100,000–130,000) | 3 | 40× | 120× |",
				"| QTasks Redis | 1 | " + NOT_AVAILABLE + " |",
				"| JobRunr in-memory | 4 | 20,000 (20,000–20,000) | 1,000 (1,000–1,000) (capped at 45s) | 1 |  |  |",
				"| Idle pickup | QTasks memory | 0.100 (0.090–0.110) | 0.500 (0.400–0.600) | 0.900 (0.900–0.900) |"
						+ " 1000 × 3 | 1,000× / 200× |  |",
				"| QTasks memory: idle pickup p99 < 1 ms | 0.500 ms | met |",
				"![End-to-end throughput against worker" + " concurrency](chart.svg)",
				"| Celery Redis | get 1.00, set 1.00 | 2.00 | 25,000 |");
	}

	@Test
	void jobRunrAtASmallBacklogIsAFigureOfItsOwnBesideTheOneAtTheRunsSize() {
		BenchmarkResults results = results();
		results.throughput(SystemUnderTest.JOBRUNR_SMALL_BACKLOG, 1,
				Outcome.of(new ThroughputFigure(Spread.of(30_000), Spread.of(4_000), null)));

		String markdown = new MarkdownReport(results, BenchmarkOptions.parse("--concurrency=1,4"), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		// the × JobRunr ratios still compare at the run's own N: 120,000 / 3,000
		assertThat(markdown).contains("| JobRunr in-memory | 1 | 20,000 (20,000–20,000) | 3,000 (3,000–3,000) | 1 |",
				"| JobRunr in-memory, N = 10,000 | 1 | 30,000 (30,000–30,000) | 4,000 (4,000–4,000) | 1 |",
				"| QTasks memory | 1 | 400,000 (390,000–410,000) | 120,000 (100,000–130,000) | 3 | 40× |");
		assertThat(ThroughputChart.render(results, List.of(1, 4))).contains("JobRunr in-memory, N = 10,000");
	}

	@Test
	void reportShowsBatchThroughputTheCostOfATaskAndTheBatchEnqueueGoal() {
		BenchmarkResults results = results();
		results.batch().batchSize(100);
		results.batch().cores(2);
		results.batch()
			.enqueueAlone(SystemUnderTest.QTASKS_REDIS, Outcome.of(new EnqueueCost(Spread.of(40_000, 50_000), 30, 10)));
		results.batch()
			.throughput(SystemUnderTest.QTASKS_REDIS, 4,
					Outcome.of(new ThroughputFigure(Spread.of(120_000, 125_000), Spread.of(9_000, 9_500), null)));
		results.batch()
			.cost(SystemUnderTest.QTASKS_REDIS, new TaskCost("single", 4, Spread.of(5_000), 60.5, 3.0, 3.01, 210, 40));
		results.batch()
			.cost(SystemUnderTest.QTASKS_REDIS,
					new TaskCost("batches of 100", 4, Spread.of(9_000, 9_500), 55.25, 2.01, 2.02, 150, 50));

		String markdown = new MarkdownReport(results, BenchmarkOptions.parse("--concurrency=1,4"), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		assertThat(markdown).contains("## Batch enqueue and the cost of a task",
				"| QTasks Redis | 4 | 122,500 (120,000–125,000) | 9,250 (9,000–9,500) | 2 |",
				"Goal: QTasks Redis enqueues ≥ 100,000 tasks/s in batches: 122,500 tasks/s at its best concurrency,"
						+ " **met**.",
				// CPU bound: 2 cores ÷ (210 + 40 µs) and 2 ÷ (150 + 50 µs)
				"| QTasks Redis | single | 4 | 5,000 (5,000–5,000) | 60.50 | 3.00 | 3.01 | 210 | 40 | 8,000 |",
				"| QTasks Redis | batches of 100 | 4 | 9,250 (9,000–9,500) | 55.25 | 2.01 | 2.02 | 150 | 50 | 10,000 |",
				// 2 cores ÷ (30 + 10 µs)
				"| QTasks Redis | 45,000 (40,000–50,000) | 30 | 10 | 50,000 |",
				"| Sidekiq (Ruby, Redis) | 23,500 jobs/s | one CPU |");
	}

	@Test
	void aMissedThroughputGoalSaysWhatCpuTimeAllows() {
		BenchmarkResults results = results();
		results.batch().batchSize(100);
		results.batch().cores(2);
		results.batch()
			.throughput(SystemUnderTest.QTASKS_REDIS, 16,
					Outcome.of(new ThroughputFigure(Spread.of(20_000), Spread.of(4_000), null)));
		results.batch()
			.cost(SystemUnderTest.QTASKS_REDIS,
					new TaskCost("batches of 100", 16, Spread.of(4_000), 90, 1.2, 1.2, 200, 50));
		results.batch()
			.enqueueAlone(SystemUnderTest.QTASKS_REDIS, Outcome.of(new EnqueueCost(Spread.of(30_000), 40, 10)));
		results.throughput(SystemUnderTest.CELERY, 16,
				Outcome.of(new ThroughputFigure(Spread.of(1_000), Spread.of(500), null)));

		String markdown = new MarkdownReport(results, BenchmarkOptions.parse("--concurrency=16"), "chart.svg")
			.render(ZonedDateTime.now(), "1 s");

		assertThat(markdown).contains("| QTasks Redis, batch enqueue: ≥ 10,000 tasks/s end to end | 4,000 tasks/s "
				+ "(best: concurrency 16); bound by CPU: 200 µs in the JVM + 50 µs in Redis per task (at concurrency 16) "
				+ "keep 2 cores busy at 8,000 tasks/s, and Redis's one command thread alone at 20,000 tasks/s | **missed** |",
				"| QTasks Redis: ≥ 100,000 tasks/s enqueued in batches | 20,000 tasks/s (best: concurrency 16); "
						+ "enqueued alone (no worker running): 30,000 tasks/s; bound by CPU: 40 µs in the JVM + 10 µs "
						+ "in Redis per task (producer only) keep 2 cores busy at 40,000 tasks/s, and Redis's one command "
						+ "thread alone at 100,000 tasks/s | **missed** |",
				"| QTasks Redis, batch enqueue: ≥ 10× Celery Redis end to end | lowest 8.0× (at concurrency 16) | "
						+ "**missed** |");
	}

	@Test
	void chartDrawsMeasuredSystemsOnly() {
		String svg = ThroughputChart.render(results(), List.of(1, 4));

		assertThat(svg)
			.contains(">QTasks memory</text>", ">JobRunr in-memory</text>", ">Celery Redis</text>",
					"concurrency 4: 1,000 tasks/s (capped at 45s)")
			.doesNotContain(">QTasks Redis</text>");
		assertThat(svg.split("<polyline", -1)).hasSize(4);
	}

	private static BenchmarkResults results() {
		BenchmarkResults results = new BenchmarkResults();
		results.throughput(SystemUnderTest.QTASKS_MEMORY, 1,
				Outcome.of(new ThroughputFigure(Spread.of(390_000, 400_000, 410_000),
						Spread.of(100_000, 120_000, 130_000), null)));
		results.throughput(SystemUnderTest.QTASKS_MEMORY, 4,
				Outcome.of(new ThroughputFigure(Spread.of(500_000), Spread.of(140_000, 150_000, 160_000), null)));
		results.throughput(SystemUnderTest.JOBRUNR, 1,
				Outcome.of(new ThroughputFigure(Spread.of(20_000), Spread.of(3_000), null)));
		results.throughput(SystemUnderTest.JOBRUNR, 4,
				Outcome.of(new ThroughputFigure(Spread.of(20_000), Spread.of(1_000), "capped at 45s")));
		results.throughput(SystemUnderTest.CELERY, 1,
				Outcome.of(new ThroughputFigure(Spread.of(2_000), Spread.of(1_000), null)));
		for (int concurrency : List.of(1, 4)) {
			results.throughput(SystemUnderTest.QTASKS_REDIS, concurrency, Outcome.missing(NOT_AVAILABLE));
		}
		results.pickup(SystemUnderTest.QTASKS_MEMORY, Outcome.of(new LatencyFigure(Spread.of(0.09, 0.1, 0.11),
				Spread.of(0.4, 0.5, 0.6), Spread.of(0.9, 0.9, 0.9), 1000)));
		results.pickup(SystemUnderTest.JOBRUNR,
				Outcome.of(new LatencyFigure(Spread.of(100.0), Spread.of(100.0), Spread.of(200.0), 100)));
		results.pickup(SystemUnderTest.QTASKS_REDIS, Outcome.missing(NOT_AVAILABLE));
		results.ceiling(Outcome.of(List.of(new CeilingFigure("GET", "GET k", 1, 50_000, 0.5),
				new CeilingFigure("SET", "SET k v", 1, 50_000, 0.5))));
		results.commandsPerTask(SystemUnderTest.CELERY, Map.of("get", 1.0, "set", 1.0));
		return results;
	}

}

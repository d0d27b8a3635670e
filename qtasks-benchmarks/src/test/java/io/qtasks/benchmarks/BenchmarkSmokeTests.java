package io.qtasks.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.FlowFigure;
import io.qtasks.benchmarks.result.FootprintFigure;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.TaskCost;
import io.qtasks.benchmarks.result.ThroughputFigure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the harness end to end with tiny numbers: proves every suite that needs no outside
 * service measures something and the report and chart get written. Times are not
 * asserted.
 *
 * @author QTasks contributors
 */
class BenchmarkSmokeTests {

	@Test
	void harnessMeasuresEveryFigureAndWritesTheReportAndChart(@TempDir Path dir) throws IOException {
		Path report = dir.resolve("benchmarks.md");
		BenchmarkOptions options = BenchmarkOptions.parse("--n=200", "--rounds=1", "--concurrency=2",
				"--latency-concurrency=2", "--brokers=memory",
				"--suites=throughput,batch,pickup,roundtrip,footprint,flow,jobrunr", "--batch-size=50",
				"--pickup-samples=20", "--jobrunr-pickup-samples=3", "--round-trips=20", "--footprint-brokers=memory",
				"--footprint-tasks=2000", "--peer-timeout=30", "--out=" + report);
		ByteArrayOutputStream log = new ByteArrayOutputStream();

		BenchmarkResults results = new BenchmarkMain(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

		ThroughputFigure qtasks = results.throughputFigure(SystemUnderTest.QTASKS_MEMORY, 2).orElseThrow();
		assertThat(qtasks.endToEndPerSecond().median()).isPositive();
		assertThat(qtasks.enqueuePerSecond().median()).isGreaterThanOrEqualTo(qtasks.endToEndPerSecond().median());
		ThroughputFigure batched = results.batch().throughput().get(SystemUnderTest.QTASKS_MEMORY).get(2).value();
		assertThat(batched.enqueuePerSecond().median()).isPositive();
		assertThat(results.batch().costs().get(SystemUnderTest.QTASKS_MEMORY)).extracting(TaskCost::enqueue)
			.containsExactly("single", "batches of 50");
		assertThat(results.batch().enqueueAlone().get(SystemUnderTest.QTASKS_MEMORY).value().perSecond().median())
			.isPositive();
		LatencyFigure pickup = results.pickup(SystemUnderTest.QTASKS_MEMORY).orElseThrow().value();
		assertThat(pickup.samplesPerRound()).isEqualTo(20);
		assertThat(pickup.p99().median()).isGreaterThanOrEqualTo(pickup.p50().median()).isPositive();
		assertThat(results.roundTrip(SystemUnderTest.QTASKS_MEMORY).orElseThrow().value().p50().median()).isPositive();
		FootprintFigure footprint = results.footprint(SystemUnderTest.QTASKS_MEMORY).orElseThrow().value();
		assertThat(footprint.steps()).extracting(FootprintFigure.Step::pendingTasks)
			.containsExactly(0L, 500L, 1000L, 1500L, 2000L);
		FlowFigure flow = results.flow(SystemUnderTest.QTASKS_MEMORY).orElseThrow().value();
		assertThat(flow.cappedPerSecond().median()).isPositive();
		assertThat(flow.uncappedPerSecond().median()).isPositive();
		assertThat(flow.unreached().samplesPerRound()).isEqualTo(20);
		assertThat(results.throughputFigure(SystemUnderTest.JOBRUNR, 2)).isPresent();
		assertThat(results.pickup(SystemUnderTest.JOBRUNR).orElseThrow().value().samplesPerRound()).isEqualTo(3);

		String markdown = Files.readString(report);
		assertThat(markdown).contains("## Batch enqueue and the cost of a task", "### What a task costs",
				"| QTasks memory | batches of 50 | 2 |", "## Published anchors (not measured here)");
		assertThat(markdown).contains("## Flow control", "| QTasks memory | 40 |");
		assertThat(markdown).contains("## Speed goals", "| QTasks memory | 2 |", "| JobRunr in-memory | 2 |",
				"QTasks memory: idle pickup p99 < 1 ms",
				"![End-to-end throughput against worker concurrency]" + "(benchmarks-throughput.svg)");
		String svg = Files.readString(dir.resolve("benchmarks-throughput.svg"));
		assertThat(svg).startsWith("<svg")
			.contains("<polyline", "QTasks memory", "JobRunr in-memory")
			.endsWith("</svg>\n");
		assertThat(log.toString(StandardCharsets.UTF_8)).contains("QTasks memory throughput, concurrency 2");
	}

}

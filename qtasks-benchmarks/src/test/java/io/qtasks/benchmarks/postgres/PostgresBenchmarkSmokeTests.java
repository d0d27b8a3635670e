package io.qtasks.benchmarks.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qtasks.benchmarks.BenchmarkMain;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresResults;
import io.qtasks.benchmarks.result.PostgresSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the PostgreSQL suites end to end with tiny numbers on a real PostgreSQL (the local
 * one, else an embedded one): every system measures throughput in both enqueue modes and
 * idle pickup, the commit ceiling is measured or says why not, the benchmark database is
 * dropped and the report gets its section. Times are not asserted.
 *
 * @author QTasks contributors
 */
class PostgresBenchmarkSmokeTests {

	@Test
	void everyPostgresSystemIsMeasuredAndReported(@TempDir Path dir) throws IOException {
		try (BenchmarkPostgres postgres = BenchmarkPostgres.start()) {
			Path report = dir.resolve("benchmarks.md");
			BenchmarkOptions options = BenchmarkOptions.parse("--suites=jdbc,dbscheduler,jobrunr-postgres,pgbench",
					"--brokers=memory", "--jdbc-url=" + postgres.jdbcUrl(), "--pg-n=40", "--pg-batch-size=15",
					"--pg-concurrency=2", "--rounds=1", "--peer-rounds=1", "--latency-concurrency=2",
					"--pickup-samples=10", "--jobrunr-pickup-samples=3", "--pgbench-seconds=1", "--out=" + report);
			ByteArrayOutputStream log = new ByteArrayOutputStream();

			BenchmarkResults results = new BenchmarkMain(options, new PrintStream(log, true, StandardCharsets.UTF_8))
				.run();

			PostgresResults postgresResults = results.postgres();
			for (PostgresSystem system : PostgresSystem.values()) {
				for (EnqueueMode mode : EnqueueMode.values()) {
					assertThat(postgresResults.throughputFigure(system, mode, 2))
						.as("%s, %s enqueue: %s", system, mode, postgresResults.throughput(system, mode))
						.hasValueSatisfying((figure) -> assertThat(figure.endToEndPerSecond().median()).isPositive());
				}
				Outcome<LatencyFigure> pickup = postgresResults.pickup(system).orElseThrow();
				assertThat(pickup.present()).as("%s pickup: %s", system, pickup.reason()).isTrue();
				assertThat(pickup.value().samplesPerRound())
					.isEqualTo((system == PostgresSystem.JOBRUNR_POSTGRES) ? 3 : 10);
			}
			if (!postgresResults.ceiling().present()) {
				assertThat(postgresResults.ceiling().reason()).contains("pgbench");
			}
			String markdown = Files.readString(report);
			assertThat(markdown).contains("## PostgreSQL: QTasks JDBC beside db-scheduler and JobRunr",
					"| QTasks JDBC | batch | 2 |", "| db-scheduler immediate | one call | 2 |",
					"QTasks JDBC: idle pickup p99 < 10 ms on another node",
					"### Published figures (not measured here)");
			assertThat(new PostgresDatabaseProbe(postgres.jdbcUrl()).benchDatabaseExists()).isFalse();
		}
	}

}

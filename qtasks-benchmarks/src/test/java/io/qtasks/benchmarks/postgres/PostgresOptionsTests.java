package io.qtasks.benchmarks.postgres;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qtasks.benchmarks.BenchmarkOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the PostgreSQL options and the benchmark database's URL.
 *
 * @author QTasks contributors
 */
class PostgresOptionsTests {

	@Test
	void postgresOptionsAreParsedWithTheOthers() {
		PostgresOptions options = BenchmarkOptions
			.parse("--pg-n=500", "--pg-concurrency=2,8", "--pg-batch-size=50",
					"--jdbc-url=jdbc:postgresql://db:6543/app", "--jdbc-user=bench", "--pgbench-seconds=3", "--n=20")
			.postgres();

		assertThat(options.n()).isEqualTo(500);
		assertThat(options.concurrency()).isEqualTo(List.of(2, 8));
		assertThat(options.batchSize()).isEqualTo(50);
		assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/app");
		assertThat(options.user()).isEqualTo("bench");
		assertThat(options.pgbenchSeconds()).isEqualTo(3);
	}

	@Test
	void defaultsAreTheIssuesFigures() {
		PostgresOptions options = BenchmarkOptions.parse().postgres();

		assertThat(options.n()).isEqualTo(10_000);
		assertThat(options.concurrency()).isEqualTo(List.of(4, 16, 64));
		assertThat(BenchmarkOptions.parse("--quick").postgres().pgbenchSeconds()).isEqualTo(5);
	}

	@Test
	void badValuesNameTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--pg-n=none"))
			.withMessageContaining("--pg-n");
	}

	@Test
	void theBenchmarkDatabaseIsOnTheSameServerWithTheSameParameters() {
		assertThat(PostgresDatabase.benchUrl("jdbc:postgresql://127.0.0.1:5432/postgres"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/qtasks_bench");
		assertThat(PostgresDatabase.benchUrl("jdbc:postgresql://db/app?sslmode=require"))
			.isEqualTo("jdbc:postgresql://db/qtasks_bench?sslmode=require");
		assertThat(PgBenchCeiling.HostAndPort.of("jdbc:postgresql://db/qtasks_bench"))
			.isEqualTo(new PgBenchCeiling.HostAndPort("db", "5432"));
	}

}

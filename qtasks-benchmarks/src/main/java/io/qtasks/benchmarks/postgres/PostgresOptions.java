package io.qtasks.benchmarks.postgres;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The options of the PostgreSQL suites, set through {@code BenchmarkOptions}.
 *
 * @author QTasks contributors
 */
public final class PostgresOptions {

	private String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private String user = "postgres";

	private String password = "";

	private int n = 10_000;

	private List<Integer> concurrency = List.of(4, 16, 64);

	private int batchSize = 1_000;

	private int pgbenchSeconds = 10;

	/**
	 * Smaller figures for {@code --quick}.
	 */
	public void quick() {
		this.pgbenchSeconds = 5;
	}

	/**
	 * Takes one option when it is one of these.
	 * @param name the option name without {@code --}
	 * @param value its value
	 * @param positive parses a positive number, naming the option in its error
	 * @param integers parses a comma-separated list of numbers
	 * @return {@code true} when the option was one of these
	 */
	public boolean set(String name, String value, ToIntFunction<String> positive,
			Function<String, List<Integer>> integers) {
		switch (name) {
			case "jdbc-url" -> this.jdbcUrl = value;
			case "jdbc-user" -> this.user = value;
			case "jdbc-password" -> this.password = value;
			case "pg-n" -> this.n = positive.applyAsInt(value);
			case "pg-concurrency" -> this.concurrency = integers.apply(value);
			case "pg-batch-size" -> this.batchSize = positive.applyAsInt(value);
			case "pgbench-seconds" -> this.pgbenchSeconds = positive.applyAsInt(value);
			default -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * The PostgreSQL to connect to first; the harness creates its own database there.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	/**
	 * Tasks per throughput round on PostgreSQL.
	 * @return the count
	 */
	public int n() {
		return this.n;
	}

	public List<Integer> concurrency() {
		return this.concurrency;
	}

	/**
	 * Tasks per call of a batch enqueue.
	 * @return the count
	 */
	public int batchSize() {
		return this.batchSize;
	}

	public int pgbenchSeconds() {
		return this.pgbenchSeconds;
	}

}

package io.qtasks.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.qtasks.benchmarks.redis.RedisAdmin;
import io.qtasks.benchmarks.result.BenchmarkResults;

/**
 * What every suite gets: the options, the results to fill in, the benchmark Redis (when
 * it answers and its database was empty) and a progress log.
 *
 * @author QTasks contributors
 */
public final class BenchmarkContext {

	private final BenchmarkOptions options;

	private final BenchmarkResults results;

	private final RedisAdmin redis;

	private final String redisUnavailable;

	private final PrintStream log;

	private final Instant started = Instant.now();

	/**
	 * Creates a context.
	 * @param options the options
	 * @param results the results to fill in
	 * @param redis the benchmark Redis, or {@code null}
	 * @param redisUnavailable why there is no Redis, or {@code null}
	 * @param log where progress goes
	 */
	public BenchmarkContext(BenchmarkOptions options, BenchmarkResults results, RedisAdmin redis,
			String redisUnavailable, PrintStream log) {
		this.options = options;
		this.results = results;
		this.redis = redis;
		this.redisUnavailable = redisUnavailable;
		this.log = log;
	}

	public BenchmarkOptions options() {
		return this.options;
	}

	public BenchmarkResults results() {
		return this.results;
	}

	/**
	 * The benchmark Redis.
	 * @return the admin connection, or empty when Redis cannot be used (see
	 * {@link #redisUnavailable()})
	 */
	public Optional<RedisAdmin> redis() {
		return Optional.ofNullable(this.redis);
	}

	/**
	 * Why Redis cannot be used.
	 * @return the reason, or {@code null} when it can
	 */
	public String redisUnavailable() {
		return this.redisUnavailable;
	}

	/**
	 * Logs progress, prefixed with the time since the run started.
	 * @param format a {@link String#format} pattern
	 * @param args its arguments
	 */
	public void log(String format, Object... args) {
		Duration elapsed = Duration.between(this.started, Instant.now());
		this.log.printf(Locale.ROOT, "[%3d:%02d] %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(),
				String.format(Locale.ROOT, format, args));
	}

}

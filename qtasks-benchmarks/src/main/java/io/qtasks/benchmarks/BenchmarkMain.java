package io.qtasks.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import io.qtasks.benchmarks.celery.CeleryBenchmarks;
import io.qtasks.benchmarks.jobrunr.JobRunrBenchmarks;
import io.qtasks.benchmarks.postgres.PostgresSuites;
import io.qtasks.benchmarks.qtasks.FlowControlBenchmarks;
import io.qtasks.benchmarks.qtasks.QTasksBatchThroughput;
import io.qtasks.benchmarks.qtasks.QTasksBenchmarks;
import io.qtasks.benchmarks.qtasks.QTasksNode;
import io.qtasks.benchmarks.redis.RedisAdmin;
import io.qtasks.benchmarks.redis.RedisCeiling;
import io.qtasks.benchmarks.redis.RedisUrls;
import io.qtasks.benchmarks.report.MachineInfo;
import io.qtasks.benchmarks.report.MarkdownReport;
import io.qtasks.benchmarks.report.ThroughputChart;
import io.qtasks.benchmarks.result.BenchmarkResults;

/**
 * Runs the benchmark suites and writes the report and its chart. Started by
 * {@code scripts/bench.sh}; {@code --help} lists the options.
 *
 * @author QTasks contributors
 */
public final class BenchmarkMain {

	private final BenchmarkOptions options;

	private final PrintStream log;

	/**
	 * Creates a run.
	 * @param options what to measure
	 * @param log where progress goes
	 */
	public BenchmarkMain(BenchmarkOptions options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(BenchmarkOptions.usage());
			return;
		}
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		new BenchmarkMain(options, System.out).run();
		// JobRunr and Lettuce leave non-daemon threads behind; the report is written.
		System.exit(0);
	}

	/**
	 * Runs every selected suite, then writes the report and the chart.
	 * @return the results
	 */
	public BenchmarkResults run() {
		long started = System.nanoTime();
		BenchmarkResults results = new BenchmarkResults();
		MachineInfo.describe(results);
		String commit = System.getenv("QTASKS_BENCH_COMMIT");
		results.environment("QTasks", "0.1.0-SNAPSHOT"
				+ ((commit != null && !commit.isBlank()) ? " (" + commit + ")" : "") + "; Redis broker "
				+ QTasksNode.unavailable("redis")
					.map((reason) -> reason + " (" + QTasksNode.REDIS_AUTO_CONFIGURATION + " is not on the class path)")
					.orElse("included"));
		RedisAdmin redis = null;
		String redisUnavailable = null;
		if (needsRedis()) {
			try {
				redis = RedisAdmin.connect(this.options.redisUrl());
				results.environment("Redis",
						redis.version() + " at " + this.options.redisUrl().getHost() + ":"
								+ RedisUrls.port(this.options.redisUrl()) + ", database "
								+ RedisUrls.database(this.options.redisUrl()));
				long keys = redis.dbSize();
				if (keys > 0) {
					redisUnavailable = String.format(Locale.ROOT,
							"not run: database %d holds %,d key(s); the harness only uses an empty database"
									+ " (choose one with --redis-url=redis://host:port/N)",
							RedisUrls.database(this.options.redisUrl()), keys);
					redis.close();
					redis = null;
				}
			}
			catch (RuntimeException ex) {
				redisUnavailable = "not run: Redis at " + this.options.redisUrl() + " does not answer ("
						+ ex.getMessage() + ")";
				redis = null;
			}
		}
		else {
			redisUnavailable = "not run (no selected suite needs Redis)";
		}
		BenchmarkContext context = new BenchmarkContext(this.options, results, redis, redisUnavailable, this.log);
		if (redisUnavailable != null && needsRedis()) {
			context.log("Redis: %s", redisUnavailable);
		}
		try {
			runSuites(context);
		}
		finally {
			if (redis != null) {
				redis.close();
			}
		}
		String duration = duration(Duration.ofNanos(System.nanoTime() - started));
		write(results, duration);
		context.log("Done in %s: %s and %s", duration, this.options.out(), this.options.chart());
		return results;
	}

	private void runSuites(BenchmarkContext context) {
		for (String broker : this.options.brokers()) {
			QTasksBenchmarks qtasks = new QTasksBenchmarks(context, broker);
			qtasks.unavailable().ifPresent((reason) -> context.log("QTasks %s broker: %s", broker, reason));
			if (this.options.runs("throughput")) {
				qtasks.throughput();
			}
			if (this.options.runs("batch")) {
				new QTasksBatchThroughput(context, broker, qtasks).run();
			}
			if (this.options.runs("pickup")) {
				qtasks.pickup();
			}
			if (this.options.runs("roundtrip")) {
				qtasks.roundTrip();
			}
			if (this.options.runs("footprint")) {
				qtasks.footprint();
			}
			if (this.options.runs("flow")) {
				new FlowControlBenchmarks(context, broker).run(qtasks.unavailable());
			}
		}
		if (this.options.runs("jobrunr")) {
			JobRunrBenchmarks jobRunr = new JobRunrBenchmarks(context);
			jobRunr.describe();
			if (this.options.runs("pickup")) {
				jobRunr.pickup();
			}
			if (this.options.runs("throughput")) {
				jobRunr.throughput();
			}
		}
		if (this.options.runs("celery") && (this.options.runs("throughput") || this.options.runs("roundtrip"))) {
			new CeleryBenchmarks(context).run();
		}
		if (this.options.runs("ceiling")) {
			new RedisCeiling(context).run();
		}
		new PostgresSuites(context).run();
	}

	private boolean needsRedis() {
		return this.options.brokers().contains("redis") || this.options.runs("celery") || this.options.runs("ceiling");
	}

	private void write(BenchmarkResults results, String duration) {
		Path report = this.options.out().toAbsolutePath();
		Path chart = this.options.chart().toAbsolutePath();
		String chartLink = Objects.equals(report.getParent(), chart.getParent()) ? chart.getFileName().toString()
				: chart.toString();
		try {
			Files.createDirectories(report.getParent());
			Files.createDirectories(chart.getParent());
			Files.writeString(chart, ThroughputChart.render(results, this.options.concurrency()));
			Files.writeString(report,
					new MarkdownReport(results, this.options, chartLink).render(ZonedDateTime.now(), duration));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the report to " + report, ex);
		}
	}

	private static String duration(Duration duration) {
		return (duration.toMinutes() > 0) ? duration.toMinutes() + " min " + duration.toSecondsPart() + " s"
				: duration.toSeconds() + " s";
	}

}

package io.qtasks.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every benchmark option means, in the order {@code --help} lists them.
 *
 * @author QTasks contributors
 */
final class OptionHelp {

	private static final Map<String, String> TEXTS = new LinkedHashMap<>();

	static {
		TEXTS.put("quick", "smaller defaults for a run of a few minutes (N=10000, 2 rounds, fewer samples)");
		TEXTS.put("n", "tasks per throughput round in memory: QTasks memory and JobRunr (default 100000)");
		TEXTS.put("redis-n",
				"tasks per throughput round on Redis: QTasks Redis and Celery (default 50000, which keeps the whole"
						+ " run under 15 minutes on 2 cores)");
		TEXTS.put("rounds", "measured rounds of every QTasks figure (default 3)");
		TEXTS.put("peer-rounds", "measured rounds of the JobRunr and Celery throughput (default 1: they are slower)");
		TEXTS.put("concurrency", "worker concurrencies of the throughput runs (default 1,4,16,64)");
		TEXTS.put("latency-concurrency", "worker concurrency of the latency runs (default 4)");
		TEXTS.put("brokers", "QTasks brokers to measure (default memory,redis)");
		TEXTS.put("suites", "suites to run (default all: " + String.join(",", BenchmarkOptions.SUITES) + ")");
		TEXTS.put("skip", "suites to leave out, e.g. celery,ceiling");
		TEXTS.put("batch-size", "tasks per QTasks.addAll call of the batch suite (default 100)");
		TEXTS.put("pickup-samples", "single tasks per idle-pickup round (default 1000)");
		TEXTS.put("jobrunr-pickup-samples",
				"single jobs per JobRunr idle-pickup round (default 100; each takes ~0.2 s)");
		TEXTS.put("round-trips", "add-and-wait calls per round (default 1000)");
		TEXTS.put("footprint-tasks", "pending tasks of the worker-heap measurement (default 1000000)");
		TEXTS.put("footprint-brokers", "brokers whose worker heap is measured (default redis)");
		TEXTS.put("timeout", "longest a QTasks throughput round may take before it counts as failed (default 300s)");
		TEXTS.put("peer-timeout", "cap of one JobRunr or Celery throughput round; a capped round reports what"
				+ " finished by then (default 30s)");
		TEXTS.put("redis-url", "Redis of the Redis broker, Celery and the ceiling (default redis://127.0.0.1:6379/15);"
				+ " its database must be empty: the harness deletes what it creates there");
		TEXTS.put("python", "Python with Debian's python3-celery and python3-redis (default /usr/bin/python3)");
		TEXTS.put("celery-pool", "Celery worker pool: prefork (Celery's default) or threads (default prefork)");
		TEXTS.put("ceiling-requests", "requests per redis-benchmark command (default 100000)");
		TEXTS.put("ceiling-clients", "redis-benchmark parallel connections (default 50)");
		TEXTS.put("ceiling-pipeline", "redis-benchmark pipeline depths, comma separated (default 1,16)");
		TEXTS.put("ceiling-commands", "file with the redis-benchmark commands (default: the bundled list)");
		TEXTS.put("jdbc-url", "PostgreSQL of the jdbc, dbscheduler, jobrunr-postgres and pgbench suites (default"
				+ " jdbc:postgresql://127.0.0.1:5432/postgres); the harness creates and drops its own database qtasks_bench"
				+ " there");
		TEXTS.put("jdbc-user", "PostgreSQL user (default postgres); it must be allowed to create databases");
		TEXTS.put("jdbc-password", "PostgreSQL password (default empty)");
		TEXTS.put("pg-n", "tasks per throughput round on PostgreSQL, for every system (default 10000)");
		TEXTS.put("pg-concurrency", "worker concurrencies of the PostgreSQL runs (default 4,16,64)");
		TEXTS.put("pg-batch-size", "tasks per batch-enqueue call on PostgreSQL (default 1000)");
		TEXTS.put("pgbench-seconds", "duration of each pgbench commit-ceiling run (default 10)");
		TEXTS.put("out", "report to write (default docs/benchmarks.md)");
		TEXTS.put("chart", "SVG chart to write (default: next to the report, benchmarks-throughput.svg)");
	}

	private OptionHelp() {
	}

	static boolean knows(String name) {
		return TEXTS.containsKey(name);
	}

	static String usage() {
		StringBuilder usage = new StringBuilder("Options:\n");
		TEXTS.forEach((name, text) -> usage.append(String.format(Locale.ROOT, "  --%-24s %s%n", name, text)));
		return usage.toString();
	}

}

package io.qtasks.benchmarks.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresResults;
import io.qtasks.benchmarks.result.PostgresSystem;

/**
 * The PostgreSQL suites, all on one benchmark database in one run: the commit ceiling
 * ({@code pgbench}), then QTasks JDBC, db-scheduler (with and without immediate
 * execution) and JobRunr, each with one-call and batch enqueue and with idle pickup.
 *
 * @author QTasks contributors
 */
public final class PostgresSuites {

	/**
	 * The suites of this class, as {@code --suites} names them.
	 */
	public static final List<String> SUITES = List.of("jdbc", "dbscheduler", "jobrunr-postgres", "pgbench");

	private static final Duration PEER_PICKUP_WAIT = Duration.ofSeconds(60);

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	/**
	 * Creates the suites.
	 * @param context the run
	 */
	public PostgresSuites(BenchmarkContext context) {
		this.context = context;
		this.options = context.options();
	}

	/**
	 * Runs the selected PostgreSQL suites; records why not when PostgreSQL does not
	 * answer.
	 */
	public void run() {
		if (SUITES.stream().noneMatch(this.options::runs)) {
			return;
		}
		PostgresResults results = this.context.results().postgres();
		PostgresDatabase database;
		try {
			database = PostgresDatabase.create(this.options.postgres());
		}
		catch (SQLException | RuntimeException ex) {
			String reason = "not run: PostgreSQL at " + this.options.postgres().jdbcUrl() + " does not answer ("
					+ ex.getMessage() + ")";
			this.context.log("PostgreSQL: %s", reason);
			notRun(results, reason);
			return;
		}
		try {
			describe(database);
			if (this.options.runs("pgbench")) {
				new PgBenchCeiling(this.context, database).run();
			}
			if (this.options.runs("jdbc")) {
				measure(PostgresSystem.QTASKS_JDBC, QTasksJdbcQueue.on(database), this.options.rounds(),
						this.options.pickupSamples(), this.options.timeout());
			}
			if (this.options.runs("dbscheduler")) {
				measure(PostgresSystem.DB_SCHEDULER, DbSchedulerQueue.on(database, false), this.options.peerRounds(),
						this.options.pickupSamples(), PEER_PICKUP_WAIT);
				measure(PostgresSystem.DB_SCHEDULER_IMMEDIATE, DbSchedulerQueue.on(database, true),
						this.options.peerRounds(), this.options.pickupSamples(), PEER_PICKUP_WAIT);
			}
			if (this.options.runs("jobrunr-postgres")) {
				measure(PostgresSystem.JOBRUNR_POSTGRES, JobRunrPostgresQueue.on(database), this.options.peerRounds(),
						this.options.jobRunrPickupSamples(), PEER_PICKUP_WAIT);
			}
		}
		finally {
			database.close();
		}
	}

	private void measure(PostgresSystem system, QueueUnderTest.Factory factory, int rounds, int pickupSamples,
			Duration pickupWait) {
		PostgresThroughput throughput = new PostgresThroughput(this.context, this.options.timeout());
		throughput.run(system, EnqueueMode.ONE_CALL, factory, rounds);
		throughput.run(system, EnqueueMode.BATCH, factory, rounds);
		new PostgresPickup(this.context).run(system, factory, pickupSamples, rounds, pickupWait);
	}

	private void describe(PostgresDatabase database) {
		String settings = String.format("synchronous_commit %s, autovacuum %s, max_connections %s",
				setting(database, "synchronous_commit"), setting(database, "autovacuum"),
				setting(database, "max_connections"));
		this.context.results()
			.environment("PostgreSQL", database.version() + " at " + PgBenchCeiling.HostAndPort.of(database.url())
					+ ", database " + PostgresDatabase.NAME + " (created and dropped by the run); " + settings);
		String dbScheduler = Scheduler.class.getPackage().getImplementationVersion();
		this.context.results().environment("db-scheduler", (dbScheduler != null) ? dbScheduler : "16.7.1");
		PostgresResults results = this.context.results().postgres();
		results.note("Every PostgreSQL system runs on the same database, with Hikari pools of concurrency + 4"
				+ " connections, N = " + this.options.postgres().n() + " per round, batches of "
				+ this.options.postgres().batchSize() + " tasks per batch call, the clock stopping once every task ran"
				+ " and its outcome was stored (QTasks: status success; db-scheduler: the one-time task's row deleted;"
				+ " JobRunr: state SUCCEEDED). Each round starts the system afresh on empty tables.");
		results.note("QTasks JDBC: a worker node and a client-only node (two Spring Boot contexts, each with its own"
				+ " pool); throughput enqueues on the worker node, pickup on the client-only node. One call is"
				+ " `addTask`, a batch `QTasks.addAll`.");
		results.note("db-scheduler: lock-and-fetch, " + DbSchedulerQueue.POLL_INTERVAL.toMillis() + " ms poll,"
				+ " threads = concurrency; one call is `schedule`, a batch `scheduleBatch`. Its pickup tasks are"
				+ " scheduled through a SchedulerClient on a pool of its own (another node), with immediate execution"
				+ " on the scheduler itself, since immediate execution only wakes the JVM that scheduled the task.");
		results.note("JobRunr: PostgresStorageProvider, poll interval " + JobRunrPostgresQueue.POLL_INTERVAL.toSeconds()
				+ " s (the shortest it accepts), workers = concurrency; one call is `enqueue(lambda)`, a batch"
				+ " `enqueue(Stream, lambda)`.");
		results.note("Idle pickup is open loop: single tasks spaced 1-5 ms apart, the producer not waiting for any"
				+ " of them; from just before the enqueue call to the first line of the task on the worker (concurrency "
				+ this.options.latencyConcurrency() + ").");
	}

	private static String setting(PostgresDatabase database, String name) {
		try (var connection = database.connect();
				var statement = connection.createStatement();
				var result = statement.executeQuery("SHOW " + name)) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			return "unknown";
		}
	}

	private void notRun(PostgresResults results, String reason) {
		for (PostgresSystem system : PostgresSystem.values()) {
			if (this.options.runs(suiteOf(system))) {
				for (EnqueueMode mode : EnqueueMode.values()) {
					for (int concurrency : this.options.postgres().concurrency()) {
						results.throughput(system, mode, concurrency, Outcome.missing(reason));
					}
				}
				results.pickup(system, Outcome.missing(reason));
			}
		}
		if (this.options.runs("pgbench")) {
			results.ceiling(Outcome.missing(reason));
		}
	}

	private static String suiteOf(PostgresSystem system) {
		return switch (system) {
			case QTASKS_JDBC -> "jdbc";
			case DB_SCHEDULER, DB_SCHEDULER_IMMEDIATE -> "dbscheduler";
			case JOBRUNR_POSTGRES -> "jobrunr-postgres";
		};
	}

}

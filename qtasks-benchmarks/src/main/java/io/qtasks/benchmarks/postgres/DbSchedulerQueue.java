package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The db-scheduler peer: one scheduler with the {@code lock-and-fetch} polling strategy
 * (one {@code SELECT ... FOR UPDATE SKIP LOCKED} that also marks the executions picked),
 * a 100 ms poll and as many threads as the worker concurrency, with or without
 * {@code enableImmediateExecution()}. One-time tasks are scheduled for now through
 * {@code schedule} or {@code scheduleBatch}; db-scheduler deletes the row of a one-time
 * task once it completed, which is the outcome the harness waits for. Pickup tasks are
 * scheduled through a {@link SchedulerClient} of a pool of its own (another node): with
 * immediate execution they are scheduled on the scheduler itself, since immediate
 * execution only wakes the JVM that scheduled the task.
 *
 * @author QTasks contributors
 */
final class DbSchedulerQueue implements QueueUnderTest {

	/**
	 * The poll interval of the measurements (db-scheduler's default is 10 s).
	 */
	static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	/**
	 * db-scheduler's own table, as its documentation gives it for PostgreSQL.
	 */
	static final String[] SCHEMA = { "DROP TABLE IF EXISTS scheduled_tasks", """
			CREATE TABLE scheduled_tasks (
				task_name TEXT NOT NULL,
				task_instance TEXT NOT NULL,
				task_data BYTEA,
				execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
				picked BOOLEAN NOT NULL,
				picked_by TEXT,
				last_success TIMESTAMP WITH TIME ZONE,
				last_failure TIMESTAMP WITH TIME ZONE,
				consecutive_failures INT,
				last_heartbeat TIMESTAMP WITH TIME ZONE,
				version BIGINT NOT NULL,
				priority SMALLINT,
				PRIMARY KEY (task_name, task_instance))""",
			"CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
			"CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
			"CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)" };

	private static final Duration POLL = Duration.ofMillis(2);

	private final AtomicLong ids = new AtomicLong();

	private final PostgresDatabase database;

	private final HikariDataSource workerPool;

	private final HikariDataSource clientPool;

	private final OneTimeTask<Void> counted;

	private final OneTimeTask<Integer> pickup;

	private final Scheduler scheduler;

	private final SchedulerClient pickupClient;

	private DbSchedulerQueue(PostgresDatabase database, int concurrency, PostgresProbe probe, boolean immediate) {
		this.database = database;
		this.counted = Tasks.oneTime("noop-counted").execute((instance, context) -> probe.ran());
		this.pickup = Tasks.oneTime("noop-pickup", Integer.class)
			.execute((instance, context) -> probe.started(instance.getData()));
		this.workerPool = database.pool("db-scheduler", concurrency + 4);
		this.clientPool = database.pool("db-scheduler-client", 4);
		PollingStrategyConfig lockAndFetch = PollingStrategyConfig.DEFAULT_SELECT_FOR_UPDATE;
		var builder = Scheduler.create(this.workerPool, List.of(this.counted, this.pickup))
			.schedulerName(new SchedulerName.Fixed("bench-worker"))
			.threads(concurrency)
			.pollingInterval(POLL_INTERVAL)
			.pollUsingLockAndFetch(lockAndFetch.lowerLimitFractionOfThreads, lockAndFetch.upperLimitFractionOfThreads)
			.shutdownMaxWait(Duration.ofSeconds(2));
		if (immediate) {
			builder.enableImmediateExecution();
		}
		this.scheduler = builder.build();
		this.pickupClient = immediate ? this.scheduler
				: SchedulerClient.Builder.create(this.clientPool, List.of(this.counted, this.pickup)).build();
		this.scheduler.start();
	}

	/**
	 * The factory of this system.
	 * @param database the benchmark database
	 * @param immediate whether to enable immediate execution
	 * @return starts it on an empty table
	 */
	static Factory on(PostgresDatabase database, boolean immediate) {
		return (concurrency, probe) -> {
			database.execute(SCHEMA);
			return new DbSchedulerQueue(database, concurrency, probe, immediate);
		};
	}

	@Override
	public void addOne() {
		this.scheduler.schedule(this.counted.instance(nextId()), Instant.now());
	}

	@Override
	public void addBatch(int count) {
		List<TaskInstance<?>> instances = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			instances.add(this.counted.instance(nextId()));
		}
		this.scheduler.scheduleBatch(instances, Instant.now());
	}

	@Override
	public void addPickup(int index) {
		this.pickupClient.schedule(this.pickup.instance(nextId(), index), Instant.now());
	}

	private String nextId() {
		return Long.toString(this.ids.incrementAndGet());
	}

	@Override
	public boolean awaitStored(Duration timeout) throws InterruptedException {
		return PostgresWait.until(timeout, POLL,
				() -> this.database.count("SELECT count(*) FROM scheduled_tasks") == 0);
	}

	@Override
	public void close() {
		try {
			this.scheduler.stop();
		}
		finally {
			this.workerPool.close();
			this.clientPool.close();
		}
	}

}

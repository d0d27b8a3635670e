package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

/**
 * The JobRunr peer on PostgreSQL: JobRunr core with its {@link PostgresStorageProvider}
 * (which creates its tables), the Jackson 3 mapper, a background job server with as many
 * workers as the concurrency and the shortest poll interval JobRunr accepts, 5 s. One
 * call is {@code JobScheduler.enqueue(lambda)}, a batch {@code enqueue(Stream, lambda)}
 * (JobRunr saves such a stream in batches). The outcome the harness waits for is every
 * job in state {@code SUCCEEDED}.
 *
 * @author QTasks contributors
 */
final class JobRunrPostgresQueue implements QueueUnderTest {

	/**
	 * The shortest poll interval JobRunr 8 accepts for a SQL storage provider.
	 */
	static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(5);

	private final PostgresDatabase database;

	private final HikariDataSource pool;

	private final JobScheduler scheduler;

	private JobRunrPostgresQueue(PostgresDatabase database, int concurrency, PostgresProbe probe) {
		this.database = database;
		this.pool = database.pool("jobrunr", concurrency + 4);
		PostgresNoopJob job = new PostgresNoopJob(probe);
		JobActivator activator = new JobActivator() {

			@Override
			public <T> T activateJob(Class<T> type) {
				return type.isInstance(job) ? type.cast(job) : null;
			}

		};
		try {
			this.scheduler = JobRunr.configure()
				.useJsonMapper(new Jackson3JsonMapper())
				.useStorageProvider(new PostgresStorageProvider(this.pool))
				.useJobActivator(activator)
				.useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
					.andWorkerCount(concurrency)
					.andPollInterval(POLL_INTERVAL))
				.initialize()
				.getJobScheduler();
		}
		catch (RuntimeException ex) {
			this.pool.close();
			throw ex;
		}
	}

	/**
	 * The factory of this system.
	 * @param database the benchmark database
	 * @return starts it with no jobs stored
	 */
	static Factory on(PostgresDatabase database) {
		return (concurrency, probe) -> {
			if (database.count("SELECT count(*) FROM pg_tables WHERE tablename = 'jobrunr_jobs'") > 0) {
				database.execute("TRUNCATE jobrunr_jobs");
			}
			return new JobRunrPostgresQueue(database, concurrency, probe);
		};
	}

	@Override
	public void addOne() {
		this.scheduler.<PostgresNoopJob>enqueue((job) -> job.counted());
	}

	@Override
	public void addBatch(int count) {
		this.scheduler.<PostgresNoopJob, Integer>enqueue(IntStream.range(0, count).boxed(),
				(job, index) -> job.counted());
	}

	@Override
	public void addPickup(int index) {
		this.scheduler.<PostgresNoopJob>enqueue((job) -> job.pickup(index));
	}

	@Override
	public boolean awaitStored(Duration timeout) throws InterruptedException {
		return PostgresWait.until(timeout, POLL,
				() -> this.database.count("SELECT count(*) FROM jobrunr_jobs WHERE state <> 'SUCCEEDED'") == 0);
	}

	@Override
	public void close() {
		try {
			JobRunr.destroy();
		}
		finally {
			this.pool.close();
		}
	}

}

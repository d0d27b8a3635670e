package io.qtasks.benchmarks.postgres;

/**
 * JobRunr's side of the PostgreSQL no-op tasks; JobRunr gets it from the harness' job
 * activator.
 *
 * @author QTasks contributors
 */
public class PostgresNoopJob {

	private final PostgresProbe probe;

	PostgresNoopJob(PostgresProbe probe) {
		this.probe = probe;
	}

	/**
	 * The throughput job.
	 */
	public void counted() {
		this.probe.ran();
	}

	/**
	 * The pickup job.
	 * @param index the index it was sent with
	 */
	public void pickup(int index) {
		this.probe.started(index);
	}

}

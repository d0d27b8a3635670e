package io.qtasks.benchmarks.jobrunr;

/**
 * JobRunr's side of the no-op tasks: the same work as QTasks' benchmark tasks (count
 * yourself, or record when you started). JobRunr gets it from the harness' job activator.
 *
 * @author QTasks contributors
 */
public class NoopJob {

	private final JobRunrProbe probe;

	NoopJob(JobRunrProbe probe) {
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
	 */
	public void pickup() {
		this.probe.started(System.nanoTime());
	}

}

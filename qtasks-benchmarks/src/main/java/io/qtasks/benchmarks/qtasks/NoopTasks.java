package io.qtasks.benchmarks.qtasks;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * The tasks the harness enqueues. Each does nothing but tell the {@link TaskProbe} it
 * ran, which is the least a harness needs to know when the last one started.
 *
 * @author QTasks contributors
 */
public class NoopTasks {

	/**
	 * Does nothing: the task of the round-trip and footprint figures.
	 */
	public static final String NOOP = "noop";

	/**
	 * Counts itself: the task of the throughput figures.
	 */
	public static final String COUNTED = "noop_counted";

	/**
	 * Records when it started: the task of the pickup figures.
	 */
	public static final String PICKUP = "noop_pickup";

	/**
	 * Counts itself, at most {@value #CAP} at once across the cluster: the task of the
	 * capped throughput figure.
	 */
	public static final String CAPPED = "noop_capped";

	/**
	 * Does nothing under a cap and a rate it never reaches: the task of the figure of
	 * what an unreached limit costs.
	 */
	public static final String UNREACHED = "noop_unreached";

	/**
	 * The cap of {@link #CAPPED}.
	 */
	public static final int CAP = 4;

	/**
	 * Holds its worker slot until released: keeps the worker busy while tasks pile up.
	 */
	public static final String BLOCK = "block";

	private final TaskProbe probe;

	NoopTasks(TaskProbe probe) {
		this.probe = probe;
	}

	@QTask(name = NOOP)
	public void noop() {
	}

	@QTask(name = COUNTED)
	public void counted(TaskContext context) {
		this.probe.ran(context.taskUuid());
	}

	@QTask(name = CAPPED, maxConcurrency = CAP)
	public void capped(TaskContext context) {
		this.probe.ran(context.taskUuid());
	}

	@QTask(name = UNREACHED, maxConcurrency = 100_000, rateLimit = "100000000/1s")
	public void unreached() {
	}

	@QTask(name = PICKUP)
	public void pickup() {
		this.probe.started(System.nanoTime());
	}

	@QTask(name = BLOCK)
	public void block() throws InterruptedException {
		this.probe.block();
	}

}

package io.qtasks.benchmarks.result;

/**
 * How a throughput round on PostgreSQL enqueues its tasks.
 *
 * @author QTasks contributors
 */
public enum EnqueueMode {

	/** One call (and one commit) per task. */
	ONE_CALL("one call"),

	/** The system's batch call, a batch of tasks per call. */
	BATCH("batch");

	private final String label;

	EnqueueMode(String label) {
		this.label = label;
	}

	/**
	 * The name in tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}

package io.qtasks.benchmarks.result;

/**
 * The systems the harness measures.
 *
 * @author QTasks contributors
 */
public enum SystemUnderTest {

	/** QTasks with the in-memory broker. */
	QTASKS_MEMORY("QTasks memory", true),

	/** QTasks with the Redis broker. */
	QTASKS_REDIS("QTasks Redis", true),

	/** JobRunr with its InMemoryStorageProvider. */
	JOBRUNR("JobRunr in-memory", false),

	/**
	 * JobRunr with its InMemoryStorageProvider at a backlog of 10,000 jobs, where it is
	 * much faster than at the run's N (it slows down as its backlog grows).
	 */
	JOBRUNR_SMALL_BACKLOG("JobRunr in-memory, N = 10,000", false),

	/** Celery 5 with Redis as broker and result backend. */
	CELERY("Celery Redis", false);

	private final String label;

	private final boolean ours;

	SystemUnderTest(String label, boolean ours) {
		this.label = label;
		this.ours = ours;
	}

	/**
	 * The name in tables and the chart.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Whether this is QTasks (as opposed to a peer).
	 * @return {@code true} for QTasks
	 */
	public boolean ours() {
		return this.ours;
	}

	/**
	 * The QTasks system of a broker.
	 * @param broker {@code memory} or {@code redis}
	 * @return the system
	 */
	public static SystemUnderTest qtasks(String broker) {
		return "redis".equals(broker) ? QTASKS_REDIS : QTASKS_MEMORY;
	}

}

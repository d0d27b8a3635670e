package io.qtasks.benchmarks.result;

/**
 * The systems measured on one PostgreSQL.
 *
 * @author QTasks contributors
 */
public enum PostgresSystem {

	/** QTasks with the JDBC broker. */
	QTASKS_JDBC("QTasks JDBC", true),

	/** db-scheduler, lock-and-fetch, 100 ms poll. */
	DB_SCHEDULER("db-scheduler", false),

	/** db-scheduler as above with {@code enableImmediateExecution()}. */
	DB_SCHEDULER_IMMEDIATE("db-scheduler immediate", false),

	/** JobRunr with its PostgresStorageProvider. */
	JOBRUNR_POSTGRES("JobRunr PostgreSQL", false);

	private final String label;

	private final boolean ours;

	PostgresSystem(String label, boolean ours) {
		this.label = label;
		this.ours = ours;
	}

	/**
	 * The name in tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Whether this is QTasks.
	 * @return {@code true} for QTasks
	 */
	public boolean ours() {
		return this.ours;
	}

}

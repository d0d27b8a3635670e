package io.qtasks.config;

import java.time.Duration;

import io.qtasks.config.QTasksProperties.InitializeSchema;

/**
 * Settings of the JDBC broker ({@code qtasks.broker.type=jdbc}) on PostgreSQL 13+. The
 * connection is the application's DataSource ({@code spring.datasource.*}).
 * <p>
 * Bound under {@code qtasks.jdbc.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksJdbcProperties extends SharedBrokerProperties {

	/**
	 * Prefix of the engine's tables, sequence and notification channels: lowercase
	 * letters, digits and underscores. Applications with different prefixes on one
	 * database do not share tasks.
	 */
	private String tablePrefix = "qtasks_";

	/**
	 * When to create the engine's tables from schema-postgresql.sql at start-up:
	 * 'embedded' (only on an embedded database), 'always', or 'never' (the schema is
	 * managed by Flyway, Liquibase or by hand).
	 */
	private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

	/**
	 * Longest an idle worker waits without a notification before it looks at the table
	 * again: the fallback when LISTEN/NOTIFY notifications are lost.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

	/**
	 * Most grouped completion statements (the outcomes of tasks that finished together,
	 * with the claims of the next tasks) a node keeps under way at once, each on a
	 * connection of its own, so that their commits' waits for the WAL flush overlap. 1
	 * runs one at a time.
	 */
	private int completionsInFlight = 2;

	/**
	 * Whether the commits of the workers' outcomes (the final records, which end their
	 * claims) wait for PostgreSQL to flush them to the WAL, as synchronous_commit says.
	 * Off, they commit with synchronous_commit off: a database crash or failover can lose
	 * the outcomes of the last fraction of a second (up to three times wal_writer_delay),
	 * and those tasks run again once their lease runs out. Enqueues always commit as
	 * configured.
	 */
	private boolean flushOutcomes = true;

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

	public InitializeSchema getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(InitializeSchema initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public int getCompletionsInFlight() {
		return this.completionsInFlight;
	}

	public void setCompletionsInFlight(int completionsInFlight) {
		this.completionsInFlight = completionsInFlight;
	}

	public boolean isFlushOutcomes() {
		return this.flushOutcomes;
	}

	public void setFlushOutcomes(boolean flushOutcomes) {
		this.flushOutcomes = flushOutcomes;
	}

	@Override
	public String toString() {
		return "Jdbc(tablePrefix=" + this.tablePrefix + ", initializeSchema=" + this.initializeSchema + ", "
				+ super.toString() + ", pollInterval=" + this.pollInterval + ", completionsInFlight="
				+ this.completionsInFlight + ", flushOutcomes=" + this.flushOutcomes + ")";
	}

}

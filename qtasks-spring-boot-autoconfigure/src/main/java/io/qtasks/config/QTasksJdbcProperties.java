package io.qtasks.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.qtasks.config.QTasksProperties.InitializeSchema;

/**
 * Settings of the JDBC broker ({@code qtasks.broker.type=jdbc}) on PostgreSQL 13+. The
 * connection is the application's DataSource ({@code spring.datasource.*}).
 * <p>
 * Bound under {@code qtasks.jdbc.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksJdbcProperties {

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
	 * How long a worker's claim on a task lasts without a heartbeat. When a node dies,
	 * its tasks run again elsewhere once their lease has expired.
	 */
	private Duration lease = Duration.ofSeconds(30);

	/**
	 * How often a node extends the leases of the tasks it runs and refreshes its row in
	 * the node table. Must be shorter than the lease; unset, a third of the lease.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * How often a node looks for expired leases (to queue their tasks again) and deletes
	 * finished records past their TTL. Every node does this; running it on many nodes is
	 * safe.
	 */
	private Duration reaperInterval = Duration.ofSeconds(5);

	/**
	 * Longest an idle worker waits without a notification before it looks at the table
	 * again: the fallback when LISTEN/NOTIFY notifications are lost.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

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

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public @Nullable Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getReaperInterval() {
		return this.reaperInterval;
	}

	public void setReaperInterval(Duration reaperInterval) {
		this.reaperInterval = reaperInterval;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	@Override
	public String toString() {
		return "Jdbc(tablePrefix=" + this.tablePrefix + ", initializeSchema=" + this.initializeSchema + ", lease="
				+ this.lease + ", heartbeatInterval=" + this.heartbeatInterval + ", reaperInterval="
				+ this.reaperInterval + ", pollInterval=" + this.pollInterval + ")";
	}

}

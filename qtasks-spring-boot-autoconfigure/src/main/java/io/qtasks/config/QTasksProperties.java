package io.qtasks.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The {@code qtasks.*} configuration. Also what {@link io.qtasks.TaskContext#getConfig()}
 * returns inside a task. Without Spring Boot, create and fill one by hand.
 *
 * @author QTasks contributors
 */
@ConfigurationProperties("qtasks")
public class QTasksProperties {

	/**
	 * Name of this QTasks application. Nodes with the same name share tasks; on Redis it
	 * prefixes every key. Defaults to spring.application.name when that is set, so that
	 * two applications on one Redis do not take each other's tasks; 'qtasks' otherwise.
	 */
	private String name = "qtasks";

	/**
	 * Priority of tasks whose @QTask does not set one, and of tasks this node does not
	 * know. Lower runs first.
	 */
	private int defaultPriority = 0;

	/**
	 * Longest a task run may take when its @QTask sets no timeout. Unset means no limit.
	 */
	private @Nullable Duration defaultTimeout;

	/**
	 * Largest JSON size of a task's arguments; bigger ones are refused at enqueue. Unset
	 * means no limit.
	 */
	private @Nullable DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Largest JSON size of a task's result; a task that returns more ends as 'error' (not
	 * retried) and its result is not stored. Raise it for larger results; null (in
	 * properties filled by hand) means no limit.
	 */
	private @Nullable DataSize maxResultSize = DataSize.ofMegabytes(1);

	@NestedConfigurationProperty
	private final QTasksBrokerProperties broker = new QTasksBrokerProperties();

	@NestedConfigurationProperty
	private final QTasksWorkerProperties worker = new QTasksWorkerProperties();

	@NestedConfigurationProperty
	private final QTasksRetryProperties retry = new QTasksRetryProperties();

	@NestedConfigurationProperty
	private final QTasksStorageProperties storage = new QTasksStorageProperties();

	@NestedConfigurationProperty
	private final QTasksRedisProperties redis = new QTasksRedisProperties();

	@NestedConfigurationProperty
	private final QTasksJdbcProperties jdbc = new QTasksJdbcProperties();

	@NestedConfigurationProperty
	private final QTasksScheduleProperties schedules = new QTasksScheduleProperties();

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public int getDefaultPriority() {
		return this.defaultPriority;
	}

	public void setDefaultPriority(int defaultPriority) {
		this.defaultPriority = defaultPriority;
	}

	public @Nullable Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	public void setDefaultTimeout(@Nullable Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
	}

	public @Nullable DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(@Nullable DataSize maxPayloadSize) {
		this.maxPayloadSize = maxPayloadSize;
	}

	public @Nullable DataSize getMaxResultSize() {
		return this.maxResultSize;
	}

	public void setMaxResultSize(@Nullable DataSize maxResultSize) {
		this.maxResultSize = maxResultSize;
	}

	public QTasksBrokerProperties getBroker() {
		return this.broker;
	}

	public QTasksWorkerProperties getWorker() {
		return this.worker;
	}

	public QTasksRetryProperties getRetry() {
		return this.retry;
	}

	public QTasksStorageProperties getStorage() {
		return this.storage;
	}

	public QTasksRedisProperties getRedis() {
		return this.redis;
	}

	public QTasksJdbcProperties getJdbc() {
		return this.jdbc;
	}

	public QTasksScheduleProperties getSchedules() {
		return this.schedules;
	}

	@Override
	public String toString() {
		return "QTasksProperties(name=" + this.name + ", defaultPriority=" + this.defaultPriority + ", defaultTimeout="
				+ this.defaultTimeout + ", maxPayloadSize=" + this.maxPayloadSize + ", maxResultSize="
				+ this.maxResultSize + ", broker=" + this.broker + ", worker=" + this.worker + ", retry=" + this.retry
				+ ", storage=" + this.storage + ", redis=" + this.redis + ", jdbc=" + this.jdbc + ", schedules="
				+ this.schedules + ")";
	}

	/**
	 * The brokers QTasks ships with.
	 */
	public enum BrokerType {

		/** In-process queue and storage; tasks live as long as the JVM. */
		MEMORY,

		/** Redis through Spring Data Redis; many nodes share one queue. */
		REDIS,

		/**
		 * The application's PostgreSQL DataSource through Spring JDBC; many nodes share
		 * one queue.
		 */
		JDBC;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * How a worker runs tasks.
	 */
	public enum WorkerMode {

		/** In the background, claimed by the worker and run on its pool. */
		POOL,

		/**
		 * On the thread that adds the task, which gets the finished record back; for
		 * tests.
		 */
		INLINE;

		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * When the JDBC engine creates its schema.
	 */
	public enum InitializeSchema {

		/** Only on an embedded database (H2, HSQLDB, Derby). */
		EMBEDDED,

		/** Always; the script only creates what is missing. */
		ALWAYS,

		/** Never: the schema is managed outside QTasks. */
		NEVER

	}

}

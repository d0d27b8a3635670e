package io.qtasks.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
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

	private final Broker broker = new Broker();

	private final Worker worker = new Worker();

	private final Retry retry = new Retry();

	private final Storage storage = new Storage();

	private final Redis redis = new Redis();

	private final Jdbc jdbc = new Jdbc();

	private final Schedules schedules = new Schedules();

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

	public Broker getBroker() {
		return this.broker;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Storage getStorage() {
		return this.storage;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Schedules getSchedules() {
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
	 * Broker settings.
	 */
	public static class Broker {

		/**
		 * Which broker and storage carry tasks: 'memory' (in this JVM, no
		 * infrastructure), 'redis' (shared by many nodes) or 'jdbc' (the application's
		 * PostgreSQL DataSource, shared by many nodes, enqueue inside the caller's
		 * transaction).
		 */
		private BrokerType type = BrokerType.MEMORY;

		public BrokerType getType() {
			return this.type;
		}

		public void setType(BrokerType type) {
			this.type = type;
		}

		@Override
		public String toString() {
			return "Broker(type=" + this.type + ")";
		}

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
	 * Worker settings.
	 */
	public static class Worker {

		/**
		 * Whether this node runs tasks. Turn off for client-only nodes that just enqueue.
		 */
		private boolean enabled = true;

		/**
		 * How this node runs tasks: 'pool' claims them in the background on the worker's
		 * pool; 'inline', for tests, runs each task on the thread that adds it, so that
		 * add() returns the finished record, and retries at once without waiting for
		 * their backoff.
		 */
		private WorkerMode mode = WorkerMode.POOL;

		/**
		 * How many tasks this node runs at once; the worker takes no more work than that.
		 */
		private int concurrency = 10;

		/**
		 * How long shutdown waits for running tasks to finish before interrupting them.
		 * Keep it below spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(20);

		/**
		 * Least time between two writes of a generator task's progress (the count of
		 * elements produced so far, in the record's extra.progress).
		 */
		private Duration progressInterval = Duration.ofSeconds(1);

		/**
		 * How many times a task's worker may stop under it (die, or lose its claim)
		 * before the task ends as error instead of being delivered again: a poison pill
		 * that kills every worker that runs it is not handed round forever.
		 */
		private int maxDeliveries = 5;

		/**
		 * How long the tasks of a name that no live node runs wait before they end as
		 * error, on an engine that many nodes share. A node never fails a task because it
		 * does not know it: during a rolling deploy, the nodes of the new release run it.
		 */
		private Duration unknownTaskTimeout = Duration.ofMinutes(5);

		/**
		 * The named queues this node claims tasks from (@QTask(queue = ...)). Empty works
		 * every queue.
		 */
		private List<String> queues = new ArrayList<>();

		/**
		 * How many tasks of a queue this node runs at once at most, by queue name, within
		 * qtasks.worker.concurrency. A queue not named here is bounded by the overall
		 * concurrency alone.
		 */
		private Map<String, Integer> queueConcurrency = new LinkedHashMap<>();

		public List<String> getQueues() {
			return this.queues;
		}

		public void setQueues(List<String> queues) {
			this.queues = queues;
		}

		public Map<String, Integer> getQueueConcurrency() {
			return this.queueConcurrency;
		}

		public void setQueueConcurrency(Map<String, Integer> queueConcurrency) {
			this.queueConcurrency = queueConcurrency;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public WorkerMode getMode() {
			return this.mode;
		}

		public void setMode(WorkerMode mode) {
			this.mode = mode;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getProgressInterval() {
			return this.progressInterval;
		}

		public void setProgressInterval(Duration progressInterval) {
			this.progressInterval = progressInterval;
		}

		public Duration getUnknownTaskTimeout() {
			return this.unknownTaskTimeout;
		}

		public void setUnknownTaskTimeout(Duration unknownTaskTimeout) {
			this.unknownTaskTimeout = unknownTaskTimeout;
		}

		public int getMaxDeliveries() {
			return this.maxDeliveries;
		}

		public void setMaxDeliveries(int maxDeliveries) {
			this.maxDeliveries = maxDeliveries;
		}

		@Override
		public String toString() {
			return "Worker(enabled=" + this.enabled + ", mode=" + this.mode + ", concurrency=" + this.concurrency
					+ ", shutdownTimeout=" + this.shutdownTimeout + ", progressInterval=" + this.progressInterval
					+ ", maxDeliveries=" + this.maxDeliveries + ", unknownTaskTimeout=" + this.unknownTaskTimeout
					+ ", queues=" + this.queues + ", queueConcurrency=" + this.queueConcurrency + ")";
		}

	}

	/**
	 * Retry defaults for tasks whose @QTask does not set them.
	 */
	public static class Retry {

		/**
		 * How many times a failed run is retried when its @QTask sets no retry.
		 */
		private int retries = 0;

		private final Backoff backoff = new Backoff();

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		@Override
		public String toString() {
			return "Retry(retries=" + this.retries + ", backoff=" + this.backoff + ")";
		}

		/**
		 * The pause between attempts of tasks whose @QTask(backoff = ...) leaves it
		 * unset.
		 */
		public static class Backoff {

			/**
			 * Pause before the first retry. 0 retries at once.
			 */
			private Duration delay = Duration.ZERO;

			/**
			 * How much longer each further pause is than the one before; 1 keeps the
			 * pause fixed.
			 */
			private double multiplier = 1.0;

			/**
			 * Longest pause a growing backoff reaches.
			 */
			private Duration maxDelay = Duration.ofSeconds(30);

			/**
			 * Random spread applied to each pause, so that tasks failing together do not
			 * retry in lockstep. 0 disables it.
			 */
			private Duration jitter = Duration.ZERO;

			public Duration getDelay() {
				return this.delay;
			}

			public void setDelay(Duration delay) {
				this.delay = delay;
			}

			public double getMultiplier() {
				return this.multiplier;
			}

			public void setMultiplier(double multiplier) {
				this.multiplier = multiplier;
			}

			public Duration getMaxDelay() {
				return this.maxDelay;
			}

			public void setMaxDelay(Duration maxDelay) {
				this.maxDelay = maxDelay;
			}

			public Duration getJitter() {
				return this.jitter;
			}

			public void setJitter(Duration jitter) {
				this.jitter = jitter;
			}

			@Override
			public String toString() {
				return "Backoff(delay=" + this.delay + ", multiplier=" + this.multiplier + ", maxDelay=" + this.maxDelay
						+ ", jitter=" + this.jitter + ")";
			}

		}

	}

	/**
	 * Settings of recurring schedules ({@code @QTask(cron = ...)}, {@code fixedRate},
	 * {@code TaskSchedules}).
	 */
	public static class Schedules {

		/**
		 * Whether this node's worker fires due schedules. Worker nodes fire them by
		 * default (each due time once per application, however many nodes fire);
		 * client-only nodes never do.
		 */
		private boolean enabled = true;

		/**
		 * How late a due time may still fire under misfire = SKIP; a due time that no
		 * node fired for longer counts as missed and is skipped.
		 */
		private Duration misfireThreshold = Duration.ofSeconds(10);

		/**
		 * How often a worker node reads the stored schedules again, to see those added,
		 * paused, resumed or removed on other nodes.
		 */
		private Duration refreshInterval = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMisfireThreshold() {
			return this.misfireThreshold;
		}

		public void setMisfireThreshold(Duration misfireThreshold) {
			this.misfireThreshold = misfireThreshold;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		@Override
		public String toString() {
			return "Schedules(enabled=" + this.enabled + ", misfireThreshold=" + this.misfireThreshold
					+ ", refreshInterval=" + this.refreshInterval + ")";
		}

	}

	/**
	 * Storage settings.
	 */
	public static class Storage {

		/**
		 * How long finished records of tasks that succeeded or were cancelled are kept.
		 */
		private Duration finishedTtl = Duration.ofDays(7);

		/**
		 * How long records of tasks that ended in error (after their retries) are kept:
		 * the dead letters, which the actuator lists and requeues.
		 */
		private Duration failedTtl = Duration.ofDays(30);

		public Duration getFinishedTtl() {
			return this.finishedTtl;
		}

		public void setFinishedTtl(Duration finishedTtl) {
			this.finishedTtl = finishedTtl;
		}

		public Duration getFailedTtl() {
			return this.failedTtl;
		}

		public void setFailedTtl(Duration failedTtl) {
			this.failedTtl = failedTtl;
		}

		@Override
		public String toString() {
			return "Storage(finishedTtl=" + this.finishedTtl + ", failedTtl=" + this.failedTtl + ")";
		}

	}

	/**
	 * Settings of the Redis broker ({@code qtasks.broker.type=redis}). The connection
	 * itself is configured with Spring Boot's {@code spring.data.redis.*} properties.
	 */
	public static class Redis {

		/**
		 * How long a worker's claim on a task lasts without a heartbeat. When a node
		 * dies, its tasks run again elsewhere once their lease has expired.
		 */
		private Duration lease = Duration.ofSeconds(30);

		/**
		 * How often a node extends the leases of the tasks it runs and refreshes its
		 * entry in the node registry. Must be shorter than the lease; unset, a third of
		 * the lease.
		 */
		private @Nullable Duration heartbeatInterval;

		/**
		 * How often a node looks for expired leases (to queue their tasks again) and for
		 * finished records past their TTL (to update the counts). Every node does this;
		 * running it on many nodes is safe.
		 */
		private Duration reaperInterval = Duration.ofSeconds(5);

		/**
		 * Whether to start on a Redis whose maxmemory-policy may evict any key
		 * (allkeys-*), which loses queued tasks and claims under memory pressure. Off,
		 * such a Redis fails start-up.
		 */
		private boolean allowEviction;

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

		public boolean isAllowEviction() {
			return this.allowEviction;
		}

		public void setAllowEviction(boolean allowEviction) {
			this.allowEviction = allowEviction;
		}

		@Override
		public String toString() {
			return "Redis(lease=" + this.lease + ", heartbeatInterval=" + this.heartbeatInterval + ", reaperInterval="
					+ this.reaperInterval + ", allowEviction=" + this.allowEviction + ")";
		}

	}

	/**
	 * Settings of the JDBC broker ({@code qtasks.broker.type=jdbc}) on PostgreSQL 13+.
	 * The connection is the application's DataSource ({@code spring.datasource.*}).
	 */
	public static class Jdbc {

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
		 * How long a worker's claim on a task lasts without a heartbeat. When a node
		 * dies, its tasks run again elsewhere once their lease has expired.
		 */
		private Duration lease = Duration.ofSeconds(30);

		/**
		 * How often a node extends the leases of the tasks it runs and refreshes its row
		 * in the node table. Must be shorter than the lease; unset, a third of the lease.
		 */
		private @Nullable Duration heartbeatInterval;

		/**
		 * How often a node looks for expired leases (to queue their tasks again) and
		 * deletes finished records past their TTL. Every node does this; running it on
		 * many nodes is safe.
		 */
		private Duration reaperInterval = Duration.ofSeconds(5);

		/**
		 * Longest an idle worker waits without a notification before it looks at the
		 * table again: the fallback when LISTEN/NOTIFY notifications are lost.
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

package io.qtasks.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
	 * prefixes every key.
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
	private Duration defaultTimeout;

	private final Broker broker = new Broker();

	private final Worker worker = new Worker();

	private final Retry retry = new Retry();

	private final Storage storage = new Storage();

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

	public Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	public void setDefaultTimeout(Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
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

	@Override
	public String toString() {
		return "QTasksProperties(name=" + this.name + ", defaultPriority=" + this.defaultPriority + ", defaultTimeout="
				+ this.defaultTimeout + ", broker=" + this.broker + ", worker=" + this.worker + ", retry=" + this.retry
				+ ", storage=" + this.storage + ")";
	}

	/**
	 * Broker settings.
	 */
	public static class Broker {

		/**
		 * Which broker and storage carry tasks: 'memory' (in this JVM, no infrastructure)
		 * or 'redis' (shared by many nodes).
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
		REDIS;

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
		 * How many tasks this node runs at once; the worker takes no more work than that.
		 */
		private int concurrency = 10;

		/**
		 * How long shutdown waits for running tasks to finish before interrupting them.
		 * Keep it below spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(20);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
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

		@Override
		public String toString() {
			return "Worker(enabled=" + this.enabled + ", concurrency=" + this.concurrency + ", shutdownTimeout="
					+ this.shutdownTimeout + ")";
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

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		@Override
		public String toString() {
			return "Retry(retries=" + this.retries + ")";
		}

	}

	/**
	 * Storage settings.
	 */
	public static class Storage {

		/**
		 * How long finished records (success, error, cancel) are kept.
		 */
		private Duration finishedTtl = Duration.ofDays(7);

		public Duration getFinishedTtl() {
			return this.finishedTtl;
		}

		public void setFinishedTtl(Duration finishedTtl) {
			this.finishedTtl = finishedTtl;
		}

		@Override
		public String toString() {
			return "Storage(finishedTtl=" + this.finishedTtl + ")";
		}

	}

	private final Redis redis = new Redis();

	public Redis getRedis() {
		return this.redis;
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
		 * entry in the node registry. Must be shorter than the lease.
		 */
		private Duration heartbeatInterval = Duration.ofSeconds(10);

		/**
		 * How often a node looks for expired leases (to queue their tasks again) and for
		 * finished records past their TTL (to update the counts). Every node does this;
		 * running it on many nodes is safe.
		 */
		private Duration reaperInterval = Duration.ofSeconds(5);

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getReaperInterval() {
			return this.reaperInterval;
		}

		public void setReaperInterval(Duration reaperInterval) {
			this.reaperInterval = reaperInterval;
		}

		@Override
		public String toString() {
			return "Redis(lease=" + this.lease + ", heartbeatInterval=" + this.heartbeatInterval + ", reaperInterval="
					+ this.reaperInterval + ")";
		}

	}

}

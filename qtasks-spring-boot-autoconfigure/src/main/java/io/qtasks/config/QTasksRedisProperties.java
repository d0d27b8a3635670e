package io.qtasks.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the Redis broker ({@code qtasks.broker.type=redis}). The connection itself
 * is configured with Spring Boot's {@code spring.data.redis.*} properties.
 * <p>
 * Bound under {@code qtasks.redis.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksRedisProperties {

	/**
	 * How long a worker's claim on a task lasts without a heartbeat. When a node dies,
	 * its tasks run again elsewhere once their lease has expired.
	 */
	private Duration lease = Duration.ofSeconds(30);

	/**
	 * How often a node extends the leases of the tasks it runs and refreshes its entry in
	 * the node registry. Must be shorter than the lease; unset, a third of the lease.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * How often a node looks for expired leases (to queue their tasks again) and for
	 * finished records past their TTL (to update the counts). Every node does this;
	 * running it on many nodes is safe.
	 */
	private Duration reaperInterval = Duration.ofSeconds(5);

	/**
	 * Whether to start on a Redis whose maxmemory-policy may evict any key (allkeys-*),
	 * which loses queued tasks and claims under memory pressure. Off, such a Redis fails
	 * start-up.
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

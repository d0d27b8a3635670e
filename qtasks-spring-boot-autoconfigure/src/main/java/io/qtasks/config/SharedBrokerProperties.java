package io.qtasks.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings every broker that several nodes share has: how long a claim lasts, how often
 * it is renewed, and how often expired claims and records are swept.
 *
 * @author QTasks contributors
 */
public abstract class SharedBrokerProperties {

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
	 * finished records past their TTL. Every node does this; running it on many nodes is
	 * safe.
	 */
	private Duration reaperInterval = Duration.ofSeconds(5);

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

	@Override
	public String toString() {
		return "lease=" + this.lease + ", heartbeatInterval=" + this.heartbeatInterval + ", reaperInterval="
				+ this.reaperInterval;
	}

}

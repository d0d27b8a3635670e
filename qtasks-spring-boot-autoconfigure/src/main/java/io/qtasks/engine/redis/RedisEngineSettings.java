package io.qtasks.engine.redis;

import java.time.Duration;

import io.qtasks.TaskStatus;

/**
 * The timing of the Redis engine.
 *
 * @param lease how long a claim lasts without being extended
 * @param heartbeatInterval how often workers extend the claims they hold; shorter than
 * the lease
 * @param reaperInterval how often expired leases and finished records are looked for
 * @param finishedTtl how long records of tasks that succeeded or were cancelled are kept
 * @param failedTtl how long records of tasks that ended in error are kept
 * @author QTasks contributors
 */
public record RedisEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
		Duration finishedTtl, Duration failedTtl) {

	/**
	 * Checks the settings.
	 */
	public RedisEngineSettings {
		requirePositive(lease, "the lease");
		requirePositive(heartbeatInterval, "the heartbeat interval");
		requirePositive(reaperInterval, "the reaper interval");
		requirePositive(finishedTtl, "the time finished records are kept");
		requirePositive(failedTtl, "the time failed records are kept");
		if (heartbeatInterval.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("the heartbeat interval (" + heartbeatInterval
					+ ") must be shorter than the lease (" + lease + "), or leases run out while tasks still run");
		}
	}

	/**
	 * Settings that keep every finished record, failed or not, as long.
	 * @param lease how long a claim lasts without being extended
	 * @param heartbeatInterval how often workers extend the claims they hold
	 * @param reaperInterval how often expired leases and finished records are looked for
	 * @param finishedTtl how long finished records are kept
	 */
	public RedisEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
			Duration finishedTtl) {
		this(lease, heartbeatInterval, reaperInterval, finishedTtl, finishedTtl);
	}

	/**
	 * How long a record of a final status is kept.
	 * @param status the status
	 * @return the failed TTL for {@code error}, else the finished TTL
	 */
	public Duration ttl(TaskStatus status) {
		return (status == TaskStatus.ERROR) ? this.failedTtl : this.finishedTtl;
	}

	private static void requirePositive(Duration value, String what) {
		if (value == null || value.toMillis() < 1) {
			throw new IllegalArgumentException(what + " must be at least 1ms, was " + value);
		}
	}

}

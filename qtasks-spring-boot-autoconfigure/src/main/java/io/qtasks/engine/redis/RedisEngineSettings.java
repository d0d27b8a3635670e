package io.qtasks.engine.redis;

import java.time.Duration;

/**
 * The timing of the Redis engine.
 *
 * @param lease how long a claim lasts without being extended
 * @param heartbeatInterval how often workers extend the claims they hold; shorter than
 * the lease
 * @param reaperInterval how often expired leases and finished records are looked for
 * @param finishedTtl how long finished records are kept
 * @author QTasks contributors
 */
public record RedisEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
		Duration finishedTtl) {

	/**
	 * Checks the settings.
	 */
	public RedisEngineSettings {
		requirePositive(lease, "the lease");
		requirePositive(heartbeatInterval, "the heartbeat interval");
		requirePositive(reaperInterval, "the reaper interval");
		requirePositive(finishedTtl, "the time finished records are kept");
		if (heartbeatInterval.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("the heartbeat interval (" + heartbeatInterval
					+ ") must be shorter than the lease (" + lease + "), or leases run out while tasks still run");
		}
	}

	private static void requirePositive(Duration value, String what) {
		if (value == null || value.toMillis() < 1) {
			throw new IllegalArgumentException(what + " must be at least 1ms, was " + value);
		}
	}

}

package io.qtasks.engine.jdbc;

import java.time.Duration;

import io.qtasks.TaskStatus;

/**
 * The timing of the JDBC engine.
 *
 * @param lease how long a claim lasts without being extended
 * @param heartbeatInterval how often workers extend the claims they hold; shorter than
 * the lease
 * @param reaperInterval how often expired leases and finished records are looked for
 * @param pollInterval how long a claimant waits at most without a notification before it
 * looks at the table again (the fallback when notifications are lost)
 * @param finishedTtl how long finished records are kept
 * @param failedTtl how long records of tasks that ended in error are kept
 * @param completionsInFlight how many grouped completion statements (outcomes with the
 * next claims) a node keeps under way at once, each on a connection of its own
 * @param flushOutcomes whether the commits of the workers' outcomes wait for the WAL
 * flush as {@code synchronous_commit} says; {@code false}: they commit with it off, and
 * the outcomes a database crash loses are run again once their lease runs out
 * @author QTasks contributors
 */
public record JdbcEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
		Duration pollInterval, Duration finishedTtl, Duration failedTtl, int completionsInFlight,
		boolean flushOutcomes) {

	/**
	 * The completion statements a node keeps under way unless told otherwise: two, so
	 * that one commit's wait for the WAL flush overlaps the next statement.
	 */
	public static final int DEFAULT_COMPLETIONS_IN_FLIGHT = 2;

	/**
	 * Checks the settings.
	 */
	public JdbcEngineSettings {
		requirePositive(lease, "the lease");
		requirePositive(heartbeatInterval, "the heartbeat interval");
		requirePositive(reaperInterval, "the reaper interval");
		requirePositive(pollInterval, "the poll interval");
		requirePositive(finishedTtl, "the time finished records are kept");
		requirePositive(failedTtl, "the time failed records are kept");
		if (completionsInFlight < 1) {
			throw new IllegalArgumentException(
					"the completion statements in flight must be at least 1, was " + completionsInFlight);
		}
		if (heartbeatInterval.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("the heartbeat interval (" + heartbeatInterval
					+ ") must be shorter than the lease (" + lease + "), or leases run out while tasks still run");
		}
	}

	/**
	 * Settings whose outcomes wait for the WAL flush.
	 * @param lease how long a claim lasts without being extended
	 * @param heartbeatInterval how often workers extend the claims they hold
	 * @param reaperInterval how often expired leases and finished records are looked for
	 * @param pollInterval how long a claimant waits at most without a notification
	 * @param finishedTtl how long finished records are kept
	 * @param failedTtl how long records of tasks that ended in error are kept
	 * @param completionsInFlight how many grouped completion statements a node keeps
	 * under way at once
	 */
	public JdbcEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
			Duration pollInterval, Duration finishedTtl, Duration failedTtl, int completionsInFlight) {
		this(lease, heartbeatInterval, reaperInterval, pollInterval, finishedTtl, failedTtl, completionsInFlight, true);
	}

	/**
	 * Settings with {@value #DEFAULT_COMPLETIONS_IN_FLIGHT} completion statements in
	 * flight.
	 * @param lease how long a claim lasts without being extended
	 * @param heartbeatInterval how often workers extend the claims they hold
	 * @param reaperInterval how often expired leases and finished records are looked for
	 * @param pollInterval how long a claimant waits at most without a notification
	 * @param finishedTtl how long finished records are kept
	 * @param failedTtl how long records of tasks that ended in error are kept
	 */
	public JdbcEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
			Duration pollInterval, Duration finishedTtl, Duration failedTtl) {
		this(lease, heartbeatInterval, reaperInterval, pollInterval, finishedTtl, failedTtl,
				DEFAULT_COMPLETIONS_IN_FLIGHT);
	}

	/**
	 * Settings that keep failed records as long as the other finished ones.
	 * @param lease how long a claim lasts without being extended
	 * @param heartbeatInterval how often workers extend the claims they hold
	 * @param reaperInterval how often expired leases and finished records are looked for
	 * @param pollInterval how long a claimant waits at most without a notification
	 * @param finishedTtl how long finished records are kept
	 */
	public JdbcEngineSettings(Duration lease, Duration heartbeatInterval, Duration reaperInterval,
			Duration pollInterval, Duration finishedTtl) {
		this(lease, heartbeatInterval, reaperInterval, pollInterval, finishedTtl, finishedTtl);
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

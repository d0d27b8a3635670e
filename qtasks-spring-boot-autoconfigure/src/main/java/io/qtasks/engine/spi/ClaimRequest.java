package io.qtasks.engine.spi;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a worker asks a queue for: at most {@code max} tasks, only of the names it runs,
 * waiting up to {@code timeout} for the first one.
 *
 * @param max the most tasks to claim; the worker's free slots
 * @param taskNames the names of the tasks the claimant can run, or {@code null} for any
 * @param timeout how long to wait when nothing is due; zero to look once
 * @author QTasks contributors
 */
public record ClaimRequest(int max, @Nullable Set<String> taskNames, Duration timeout) {

	/**
	 * Checks the request.
	 */
	public ClaimRequest {
		if (max < 1) {
			throw new IllegalArgumentException("max must be positive, was " + max);
		}
		taskNames = (taskNames != null) ? Set.copyOf(taskNames) : null;
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
		}
	}

	/**
	 * A request for tasks of any name.
	 * @param max the most tasks to claim
	 * @param timeout how long to wait for the first one
	 * @return the request
	 */
	public static ClaimRequest anyTask(int max, Duration timeout) {
		return new ClaimRequest(max, null, timeout);
	}

	/**
	 * Whether a task of this name may be handed out for this request.
	 * @param taskName the task's name
	 * @return {@code true} when it may
	 */
	public boolean accepts(String taskName) {
		return this.taskNames == null || this.taskNames.contains(taskName);
	}

}

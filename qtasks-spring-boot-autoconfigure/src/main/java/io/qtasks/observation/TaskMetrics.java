package io.qtasks.observation;

import java.time.Duration;

import io.qtasks.Task;

/**
 * Receives the events that QTasks counts beyond its observations: enqueues, pickups and
 * retries. {@link MicrometerTaskMetrics} records them as meters; {@link #NONE} drops
 * them.
 *
 * @author QTasks contributors
 */
public interface TaskMetrics {

	/**
	 * Drops every event.
	 */
	TaskMetrics NONE = new TaskMetrics() {
	};

	/**
	 * A client enqueued a task.
	 * @param task the stored record
	 */
	default void enqueued(Task task) {
	}

	/**
	 * A worker started a task.
	 * @param task the claimed record
	 * @param waited how long the task waited in the queue since it was enqueued (or
	 * requeued)
	 */
	default void pickedUp(Task task, Duration waited) {
	}

	/**
	 * An attempt of a task failed and another one follows.
	 * @param task the claimed record
	 * @param failedAttempt the number of the attempt that failed
	 */
	default void retried(Task task, int failedAttempt) {
	}

}

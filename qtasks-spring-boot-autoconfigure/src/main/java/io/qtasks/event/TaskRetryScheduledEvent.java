package io.qtasks.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskExtras;

/**
 * An attempt of a task failed on this node and the task waits for its retry: its record
 * is in status {@code retry}, with the failure in {@link Task#traceback()}.
 *
 * @author QTasks contributors
 */
public class TaskRetryScheduledEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskRetryScheduledEvent(Task task) {
		super(task);
	}

	/**
	 * When the retry is due.
	 * @return the instant, or {@code null} when the record does not say
	 */
	public @Nullable Instant retryAt() {
		return TaskExtras.dueAt(task());
	}

}

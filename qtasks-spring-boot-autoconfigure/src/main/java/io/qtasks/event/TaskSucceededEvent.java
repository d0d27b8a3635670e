package io.qtasks.event;

import io.qtasks.Task;

/**
 * A task ended in {@code success} on this node; {@link Task#returning()} holds its
 * result.
 *
 * @author QTasks contributors
 */
public class TaskSucceededEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskSucceededEvent(Task task) {
		super(task);
	}

}

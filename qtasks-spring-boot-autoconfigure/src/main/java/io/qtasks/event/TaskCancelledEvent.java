package io.qtasks.event;

import io.qtasks.Task;

/**
 * A task ended in {@code cancel} on this node: cancelled while queued or waiting, or
 * stopped while it ran.
 *
 * @author QTasks contributors
 */
public class TaskCancelledEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskCancelledEvent(Task task) {
		super(task);
	}

}

package io.qtasks.event;

import io.qtasks.Task;

/**
 * A task was stored and queued (or set to wait for its due time) by this node.
 *
 * @author QTasks contributors
 */
public class TaskEnqueuedEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskEnqueuedEvent(Task task) {
		super(task);
	}

}

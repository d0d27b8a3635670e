package io.qtasks.event;

import io.qtasks.Task;

/**
 * An attempt of a task started on this node: its record is in status {@code process} with
 * the attempt's number.
 *
 * @author QTasks contributors
 */
public class TaskStartedEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskStartedEvent(Task task) {
		super(task);
	}

}

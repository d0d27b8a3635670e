package io.qtasks.event;

import io.qtasks.Task;

/**
 * A task ended in {@code error} on this node, its retries spent or its failure never
 * retried; {@link Task#traceback()} says why.
 *
 * @author QTasks contributors
 */
public class TaskFailedEvent extends TaskEvent {

	/**
	 * Creates the event.
	 * @param task the record as stored
	 */
	public TaskFailedEvent(Task task) {
		super(task);
	}

}

package io.qtasks.client;

/**
 * A task's arguments exceed {@code qtasks.max-payload-size}; the task was not enqueued.
 *
 * @author QTasks contributors
 */
public class TaskPayloadTooLargeException extends IllegalArgumentException {

	/**
	 * Creates an exception.
	 * @param message which task, its size and the limit
	 */
	public TaskPayloadTooLargeException(String message) {
		super(message);
	}

}

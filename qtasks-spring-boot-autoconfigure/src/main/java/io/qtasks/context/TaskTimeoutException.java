package io.qtasks.context;

/**
 * Ends a run that took longer than its timeout (QTasks' {@code max_time}).
 *
 * @author QTasks contributors
 */
public class TaskTimeoutException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message which task and its limit
	 */
	public TaskTimeoutException(String message) {
		super(message);
	}

}

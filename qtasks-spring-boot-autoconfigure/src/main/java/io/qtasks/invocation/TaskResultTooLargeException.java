package io.qtasks.invocation;

/**
 * A task's result, as JSON, is larger than {@code qtasks.max-result-size}. The task ends
 * as {@code error}; it is not retried (another attempt would most likely return as much).
 *
 * @author QTasks contributors
 */
public class TaskResultTooLargeException extends TaskResultException {

	/**
	 * Creates an exception.
	 * @param message which task, the size of its result and the limit
	 */
	public TaskResultTooLargeException(String message) {
		super(message);
	}

}

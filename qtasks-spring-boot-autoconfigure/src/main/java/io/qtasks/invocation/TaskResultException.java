package io.qtasks.invocation;

/**
 * A task's result cannot be stored: it cannot be written as JSON, or it is too large
 * ({@link TaskResultTooLargeException}). The task ends as {@code error}; it is not
 * retried.
 *
 * @author QTasks contributors
 */
public class TaskResultException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message which task and type, and why
	 * @param cause the conversion failure
	 */
	public TaskResultException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception without a cause.
	 * @param message which task, and why its result cannot be stored
	 */
	public TaskResultException(String message) {
		super(message);
	}

}

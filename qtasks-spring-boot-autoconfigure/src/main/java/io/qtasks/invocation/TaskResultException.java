package io.qtasks.invocation;

/**
 * A task's result cannot be stored (it cannot be written as JSON). The task ends as
 * {@code error}; it is not retried.
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

}

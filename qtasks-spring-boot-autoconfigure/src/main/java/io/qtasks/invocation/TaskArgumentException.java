package io.qtasks.invocation;

/**
 * A task's args or kwargs do not fit its method: wrong arity, unknown or missing names,
 * or values of the wrong type. The task ends as {@code error}; it is not retried.
 *
 * @author QTasks contributors
 */
public class TaskArgumentException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what does not fit, naming the task and parameter
	 */
	public TaskArgumentException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what does not fit, naming the task and parameter
	 * @param cause the conversion failure
	 */
	public TaskArgumentException(String message, Throwable cause) {
		super(message, cause);
	}

}

package io.qtasks.definition;

/**
 * A {@code @QTask} declaration that cannot become a task; fails application start-up.
 *
 * @author QTasks contributors
 */
public class TaskDefinitionException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong, naming the method
	 */
	public TaskDefinitionException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what is wrong, naming the method
	 * @param cause the underlying failure
	 */
	public TaskDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}

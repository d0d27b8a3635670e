package io.qtasks.context;

/**
 * Ends a run whose thread was interrupted for a reason other than cancel or timeout, such
 * as the worker shutting down.
 *
 * @author QTasks contributors
 */
public class TaskInterruptedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what interrupted the task
	 */
	public TaskInterruptedException(String message) {
		super(message);
	}

}

package io.qtasks;

/**
 * Thrown inside a running task when it is cancelled, either by
 * {@link TaskContext#cancel(String)} or from outside through {@link QTasks#cancel}. The
 * run ends with status {@link TaskStatus#CANCEL}; it is never retried.
 *
 * @author QTasks contributors
 */
public class TaskCancelledException extends RuntimeException {

	private final String reason;

	/**
	 * Creates an exception for a cancellation with the given reason.
	 * @param reason why the task was cancelled, stored as {@link Task#cancelReason()}
	 */
	public TaskCancelledException(String reason) {
		super("Task canceled: " + reason);
		this.reason = reason;
	}

	/**
	 * Why the task was cancelled.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}

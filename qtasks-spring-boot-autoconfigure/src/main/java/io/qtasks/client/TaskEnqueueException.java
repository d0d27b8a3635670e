package io.qtasks.client;

import java.util.UUID;

/**
 * The broker failed while a task was being enqueued, for example because Redis could not
 * be reached or did not answer in time. The cause is the broker's exception.
 * <p>
 * Usually the task was not queued. When the broker failed after it had taken the task (a
 * reply lost to a broken connection), the task is queued under {@link #getUuid()}:
 * {@code QTasks.get(uuid)} tells which, once the broker answers again.
 *
 * @author QTasks contributors
 */
public class TaskEnqueueException extends RuntimeException {

	private final String taskName;

	private final UUID uuid;

	/**
	 * Creates an exception.
	 * @param taskName the task's name
	 * @param uuid the uuid the task was to have
	 * @param broker the broker's type
	 * @param cause the broker's exception
	 */
	public TaskEnqueueException(String taskName, UUID uuid, String broker, Throwable cause) {
		this("Task '" + taskName + "'", "If the broker took it before failing, it is queued as " + uuid
				+ " (QTasks.get tells once the broker answers).", taskName, uuid, broker, cause);
	}

	/**
	 * Creates an exception whose message names what was enqueued and what the caller can
	 * tell, for a subclass.
	 * @param what what could not be enqueued, such as {@code Task 'report'}
	 * @param afterwards what may have been stored, and how to find out
	 * @param taskName the task's name
	 * @param uuid the uuid the task was to have
	 * @param broker the broker's type
	 * @param cause the broker's exception
	 */
	protected TaskEnqueueException(String what, String afterwards, String taskName, UUID uuid, String broker,
			Throwable cause) {
		super(what + " could not be enqueued on the " + broker + " broker: " + describe(cause) + ". " + afterwards,
				cause);
		this.taskName = taskName;
		this.uuid = uuid;
	}

	/**
	 * The task's name.
	 * @return the name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * The uuid the task was to have.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

	private static String describe(Throwable cause) {
		StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != cause && root.getMessage() != null && !text.toString().contains(root.getMessage())) {
			text.append(" (").append(root.getMessage()).append(')');
		}
		return text.toString();
	}

}

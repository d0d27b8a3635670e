package io.qtasks.context;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Ends a run that took longer than its timeout (QTasks' {@code max_time}). Its cause is a
 * {@link TimeoutException}, so the stored traceback names both.
 *
 * @author QTasks contributors
 */
public class TaskTimeoutException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param uuid the task that ran too long
	 * @param timeout the limit it exceeded
	 */
	public TaskTimeoutException(UUID uuid, Duration timeout) {
		super("Task " + uuid + " ran longer than its timeout of " + timeout,
				new TimeoutException("timeout of " + timeout + " exceeded"));
	}

}

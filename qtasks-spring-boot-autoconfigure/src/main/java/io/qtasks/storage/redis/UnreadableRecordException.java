package io.qtasks.storage.redis;

import java.util.UUID;

/**
 * A task record stored in Redis is not valid JSON for a {@link io.qtasks.Task} (written
 * by hand, by another program or by an incompatible version).
 *
 * @author QTasks contributors
 */
public class UnreadableRecordException extends IllegalStateException {

	/**
	 * Creates an exception.
	 * @param uuid the task whose record cannot be read
	 * @param problem what is wrong with it
	 * @param cause the underlying failure, or {@code null}
	 */
	public UnreadableRecordException(UUID uuid, String problem, Throwable cause) {
		super("The stored record of task " + uuid + " cannot be read: " + problem, cause);
	}

}

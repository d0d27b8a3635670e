package io.qtasks.client;

import java.util.List;
import java.util.UUID;

/**
 * The broker failed while a batch of tasks was being enqueued ({@code QTasks.addAll}).
 * The cause is the broker's exception.
 * <p>
 * On an engine that stores a batch in one step (Redis: one script; a database: one
 * transaction) either the whole batch was stored or none of it: when the broker failed
 * after it had taken the batch (a reply lost to a broken connection), every task is
 * queued under the uuids of {@link #getUuids()}; {@code QTasks.get} of any of them tells
 * which, once the broker answers again. An engine that enqueues the tasks one by one may
 * have stored the first ones.
 *
 * @author QTasks contributors
 */
public class TaskBatchEnqueueException extends TaskEnqueueException {

	private final List<UUID> uuids;

	/**
	 * Creates an exception.
	 * @param taskName the name of the batch's first task
	 * @param uuids the uuids the tasks were to have, in the order of the batch
	 * @param broker the broker's type
	 * @param cause the broker's exception
	 */
	public TaskBatchEnqueueException(String taskName, List<UUID> uuids, String broker, Throwable cause) {
		super("A batch of " + uuids.size() + " task(s), the first '" + taskName + "' as " + uuids.get(0),
				"If the broker took the batch before failing, its tasks are queued under the uuids the exception"
						+ " names (on Redis a batch is one script: all of them or none; QTasks.get tells once the"
						+ " broker answers).",
				taskName, uuids.get(0), broker, cause);
		this.uuids = List.copyOf(uuids);
	}

	/**
	 * The uuids the tasks were to have, in the order of the batch.
	 * @return the uuids
	 */
	public List<UUID> getUuids() {
		return this.uuids;
	}

}

package io.qtasks.client;

import io.qtasks.Task;

/**
 * What the client does with a task it has just stored, before {@code add()} returns: by
 * default nothing (a worker runs the task later); in the inline mode
 * ({@code qtasks.worker.mode=inline}) it runs the task on the calling thread and answers
 * the finished record.
 *
 * @author QTasks contributors
 * @see io.qtasks.worker.InlineTaskRunner
 */
@FunctionalInterface
public interface EnqueuedTaskHandler {

	/**
	 * Leaves the task to the worker and answers the record as stored.
	 */
	EnqueuedTaskHandler NONE = (stored) -> stored;

	/**
	 * Handles a task just stored.
	 * @param stored the record as stored, in status {@code new}
	 * @return the record {@code add()} returns
	 */
	Task enqueued(Task stored);

}

package io.qtasks.engine;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * Hears the record changes that this node stores through its engine: enqueues, the
 * changes of the runs it executes, cancels of queued tasks, requeues. A task's changes
 * are heard in the order they were stored, its enqueue first when it was enqueued here;
 * changes stored on other nodes are not heard. Listeners are called on the thread that
 * stored the change, after the engine accepted it; what a listener throws is logged and
 * changes nothing.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface TaskRecordListener {

	/**
	 * A change of a task was stored.
	 * @param previous the record before the change, as this node knew it; {@code null}
	 * for a task just enqueued, or one whose stored record could not be read
	 * @param record the record as stored
	 */
	void recorded(@Nullable Task previous, Task record);

}

package io.qtasks.engine;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;

/**
 * Queues again tasks that ended in {@code error} (the dead letters) or {@code cancel},
 * one or all of a status, as the actuator's operators ask. Obtained from
 * {@link TaskEngine#requeues()}; the engine's record listeners hear of each requeue.
 *
 * @author QTasks contributors
 */
public final class TaskRequeues {

	private static final int MAX_REQUEUED = 100_000;

	private final TaskRecordStore records;

	private final RequestedChanges changes;

	TaskRequeues(TaskRecordStore records, RequestedChanges changes) {
		this.records = records;
		this.changes = changes;
	}

	/**
	 * Queues a task that ended in {@code error} or {@code cancel} again, at the back of
	 * its priority (see {@link TaskTransitions#requeued(Task)}).
	 * @param uuid the task's uuid
	 * @return what happened
	 */
	public RequeueOutcome requeue(UUID uuid) {
		return this.changes.requeue(uuid);
	}

	/**
	 * Queues again every task in {@code status} ({@code error} or {@code cancel}), of one
	 * name or of any: those the listing shows now (on Redis, among the newest records it
	 * looks at), each once, so that a task that fails again at once is not requeued
	 * twice.
	 * @param status {@code error} or {@code cancel}
	 * @param taskName only tasks of this name, or {@code null} for any
	 * @return how many were queued again
	 */
	public int requeueAll(TaskStatus status, @Nullable String taskName) {
		if (status != TaskStatus.ERROR && status != TaskStatus.CANCEL) {
			throw new IllegalArgumentException("only tasks in error or cancel can be requeued, not " + status.value());
		}
		int requeued = 0;
		for (Task task : this.records.list(new TaskQuery(status, taskName, MAX_REQUEUED))) {
			if (requeue(task.uuid()) == RequeueOutcome.REQUEUED) {
				requeued++;
			}
		}
		return requeued;
	}

}

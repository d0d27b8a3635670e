package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;

/**
 * The steps that change a task's record and its place in the queue together.
 * {@link io.qtasks.engine.SequencedTaskSteps} does each as two calls, the record first,
 * for any pairing of a {@link TaskQueue} and a {@link TaskRecordStore}; an engine whose
 * queue and records live in one store does each in one atomic call.
 * <p>
 * The records come from {@link io.qtasks.engine.TaskTransitions}: where a step has to
 * read the current record first, it takes a function that builds the new one from it.
 *
 * @author QTasks contributors
 */
public interface TaskSteps {

	/**
	 * Stores a new record and queues its task.
	 * @param record the record, in status {@code new}
	 * @param dueAt when it may run, or {@code null} for now
	 * @return {@code false} when a task with its uuid exists (nothing changed)
	 */
	boolean enqueue(Task record, @Nullable Instant dueAt);

	/**
	 * Stores new records and queues their tasks, due now, in their order. This default
	 * enqueues them one by one; an engine that can stores them in one call.
	 * @param records the records, in status {@code new}
	 * @return the uuids of those stored; one whose uuid exists is left out (nothing
	 * changed for it)
	 */
	default Set<UUID> enqueueAll(List<Task> records) {
		Set<UUID> stored = new LinkedHashSet<>();
		for (Task record : records) {
			if (enqueue(record, null)) {
				stored.add(record.uuid());
			}
		}
		return stored;
	}

	/**
	 * Stores the final record of a claimed task and ends the claim.
	 * @param claim the claim
	 * @param record the final record
	 * @param fence the claim's fence
	 * @return what the write did; the claim ends only when it was written
	 */
	WriteResult complete(QueueClaim claim, Task record, Fence fence);

	/**
	 * Stores the record of a claimed task that goes back to the queue, and releases the
	 * claim: at the task's old place, or waiting until {@code until}.
	 * @param claim the claim
	 * @param record the record ({@code new}, or {@code retry} for a retry's pause)
	 * @param fence the claim's fence; refusing the write when a cancel request is pending
	 * @param until when the task is due again, or {@code null} for now
	 * @return what the write did; the claim is released only when it was written
	 */
	WriteResult release(QueueClaim claim, Task record, Fence fence, @Nullable Instant until);

	/**
	 * Cancels a task that is queued or waiting: it leaves the queue and gets the
	 * cancelled record.
	 * @param uuid the task's uuid
	 * @param cancelled builds the cancelled record from the current one
	 * @return what happened
	 */
	QueuedCancel cancelQueued(UUID uuid, UnaryOperator<Task> cancelled);

	/**
	 * Queues a finished task again, at the back of its priority.
	 * @param uuid the task's uuid
	 * @param requeued builds the queued record from the current one; answers {@code null}
	 * when the task may not be requeued
	 * @return what happened
	 */
	RequeueOutcome requeue(UUID uuid, Function<Task, @Nullable Task> requeued);

}

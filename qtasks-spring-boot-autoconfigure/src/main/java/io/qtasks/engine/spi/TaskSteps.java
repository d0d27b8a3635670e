package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
	 * Stores a new record that takes a unique key and queues its task, unless a task with
	 * its uuid exists or another task holds the key (see
	 * {@link TaskRecordStore#insertUnique}).
	 * @param record the record, in status {@code new}
	 * @param dueAt when it may run, or {@code null} for now
	 * @param key the key
	 * @return what happened; the task is queued only when {@link UniqueOutcome#STORED}
	 * @throws UnsupportedOperationException when the engine has no unique keys
	 */
	default UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		throw new UnsupportedOperationException("These engine steps have no unique keys");
	}

	/**
	 * Stores new records and queues their tasks, in order. An engine that can should do
	 * it in one round trip; by default each is enqueued on its own.
	 * @param tasks the records and their due times
	 * @return for each task, in order, {@code false} when a task with its uuid existed
	 * (that one was not changed)
	 */
	default List<Boolean> enqueueAll(List<NewTask> tasks) {
		List<Boolean> stored = new ArrayList<>(tasks.size());
		for (NewTask task : tasks) {
			stored.add(enqueue(task.record(), task.dueAt()));
		}
		return stored;
	}

	/**
	 * Whether the steps write in the caller's transaction when there is one (a database
	 * engine): a task added inside a transaction is then stored with it, instead of being
	 * sent after the commit.
	 * @return {@code false} by default
	 */
	default boolean joinsTransactions() {
		return false;
	}

	/**
	 * Makes a waiting task due now, with the record built from the current one: how a
	 * workflow step held until its predecessors end is released.
	 * @param uuid the task's uuid
	 * @param released builds the record from the current one; answers {@code null} when
	 * the task is not to be released
	 * @return {@code true} when the task was waiting and is due now
	 */
	boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released);

	/**
	 * Stores the final record of a claimed task and ends the claim.
	 * @param claim the claim
	 * @param record the final record
	 * @param fence the claim's fence
	 * @return what the write did; the claim ends only when it was written
	 */
	WriteResult complete(QueueClaim claim, Task record, Fence fence);

	/**
	 * Stores the final records of claimed tasks and ends their claims, then claims due
	 * tasks for the slots they freed, without waiting: what a worker does when tasks
	 * finish and it wants the next ones. Each completion is as
	 * {@link #complete(QueueClaim, Task, Fence)}; the claim is as
	 * {@link TaskQueue#claim(ClaimRequest)} with the request's timeout, and happens
	 * whether or not the writes were fenced. An engine that can should do it all in one
	 * round trip; by default each completion is written on its own, then the queue is
	 * asked.
	 * @param completions the completions, at least one
	 * @param next what to claim afterwards
	 * @param queue the engine's queue, which the default claims from
	 * @return what each write did, and the claims
	 * @throws InterruptedException when the claim's thread is interrupted while it waits
	 */
	default CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next, TaskQueue queue)
			throws InterruptedException {
		List<WriteResult> written = new ArrayList<>(completions.size());
		for (Completion completion : completions) {
			written.add(complete(completion.claim(), completion.record(), completion.fence()));
		}
		return new CompletedAndClaimed(written, queue.claim(next));
	}

	/**
	 * How many {@link #completeAndClaim} calls a node may have under way at once, each
	 * with the completions of the slots that finished together: more than one lets an
	 * engine overlap the waits of its commits (a database that flushes each commit to
	 * disk, on a connection per call); one keeps a single call under way, and every
	 * completion that arrives meanwhile waits to join the next one.
	 * @return at least 1; 1 by default
	 */
	default int completionsInFlight() {
		return 1;
	}

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

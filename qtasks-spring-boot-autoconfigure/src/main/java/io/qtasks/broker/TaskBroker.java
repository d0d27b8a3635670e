package io.qtasks.broker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;

/**
 * Carries tasks from clients to workers: the queue half of an engine (the other half is
 * {@link io.qtasks.storage.TaskStorage}). Implementations must keep priority order (lower
 * first, FIFO within a priority) and hand a task to one worker at a time.
 *
 * @author QTasks contributors
 */
public interface TaskBroker {

	/**
	 * A short name of the engine, such as {@code "memory"} or {@code "redis"}.
	 * @return the name
	 */
	String type();

	/**
	 * Stores a new record (status {@code new}) and queues it for a worker.
	 * @param task the record
	 */
	void enqueue(Task task);

	/**
	 * Claims up to {@code max} queued tasks for this worker, waiting up to
	 * {@code timeout} for the first one. Returns as soon as at least one is claimed.
	 * @param max the most tasks to claim; the worker's free slots
	 * @param timeout how long to wait when nothing is queued
	 * @return the claimed tasks, in priority order; empty when the timeout passed
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	List<TaskDelivery> receive(int max, Duration timeout) throws InterruptedException;

	/**
	 * Cancels a task: removes it from the queue and records {@code cancel} when it is
	 * still queued; otherwise, when it is claimed or running, remembers the request and
	 * tells the {@link CancelRequestListener}s of every worker.
	 * @param uuid the task's uuid
	 * @param reason why
	 * @return what happened
	 */
	CancelOutcome cancel(UUID uuid, String reason);

	/**
	 * Queues a task that ended in {@code error} or {@code cancel} again, as described by
	 * {@link TaskRequeue}: at the back of its priority, with the counts by status kept
	 * right, and no longer subject to the finished records' expiry. Atomic: of two
	 * concurrent requeues of one task, one queues it and the other finds it queued.
	 * @param uuid the task's uuid
	 * @return what happened
	 */
	RequeueOutcome requeue(UUID uuid);

	/**
	 * Registers a worker's listener for cancel requests of claimed tasks.
	 * @param listener the listener
	 */
	void addCancelRequestListener(CancelRequestListener listener);

	/**
	 * The reason of a cancel request for a claimed task, for a worker whose run starts
	 * after the request's notification went by. For a task this node claimed, an engine
	 * may answer from what it knows locally (the claim and the notifications it heard),
	 * so a request made on another node shows here once its notification arrived, a
	 * moment after {@link #cancel} returned; a run that started before that is reached by
	 * the notification itself.
	 * @param uuid the task's uuid
	 * @return the reason, or empty when none is known
	 */
	Optional<String> cancelRequest(UUID uuid);

	/**
	 * How many tasks wait in the queue.
	 * @return the count
	 */
	long pendingCount();

	/**
	 * How many tasks wait in the queue, by priority.
	 * @return the counts of the priorities that have queued tasks, lowest (first to run)
	 * first
	 */
	SortedMap<Integer, Long> pendingCountByPriority();

}

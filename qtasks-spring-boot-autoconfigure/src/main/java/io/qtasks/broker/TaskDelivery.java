package io.qtasks.broker;

import io.qtasks.Task;

/**
 * A task claimed by one worker. Writes from the worker go through the delivery so an
 * engine can fence them: once the claim is lost (for example a lease that expired and was
 * given to another worker), writes are refused and report {@code false}.
 *
 * @author QTasks contributors
 */
public interface TaskDelivery {

	/**
	 * The record as it was when claimed.
	 * @return the record
	 */
	Task task();

	/**
	 * How many times the task has been handed to a worker, this claim included. More than
	 * one means an earlier claim ended without an outcome: its node died or lost the
	 * broker and the claim ran out, or it shut down and handed the task back. Tasks run
	 * at least once, so such a task may have run partly, or even to its end, before.
	 * @return the count, at least 1
	 */
	default int deliveries() {
		return 1;
	}

	/**
	 * Stores an intermediate state of the run (status {@code process} or {@code retry}).
	 * @param record the new record
	 * @return {@code false} when the claim was lost and nothing was written
	 */
	boolean update(Task record);

	/**
	 * Stores the final record, ends the claim and announces the completion to waiters.
	 * @param record the final record ({@code success}, {@code error} or {@code cancel})
	 * @return {@code false} when the claim was lost and nothing was written
	 */
	boolean complete(Task record);

	/**
	 * Ends the claim without running the task: it goes back to the queue in status
	 * {@code new} (used when a worker shuts down before it could finish).
	 */
	void release();

}

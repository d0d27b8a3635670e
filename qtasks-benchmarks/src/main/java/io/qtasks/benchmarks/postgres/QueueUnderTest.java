package io.qtasks.benchmarks.postgres;

import java.time.Duration;

/**
 * One system under test on PostgreSQL, started for one measurement: a producer and a
 * worker of the given concurrency on the benchmark database, with no-op tasks that report
 * to a {@link PostgresProbe}.
 *
 * @author QTasks contributors
 */
interface QueueUnderTest extends AutoCloseable {

	/**
	 * Enqueues one counted no-op task with the system's one-task call.
	 */
	void addOne();

	/**
	 * Enqueues counted no-op tasks with the system's batch call.
	 * @param count how many, in one call
	 */
	void addBatch(int count);

	/**
	 * Enqueues one pickup task, from a node other than the worker's where the system
	 * allows it.
	 * @param index the index the task reports its start with
	 */
	void addPickup(int index);

	/**
	 * Waits until the system has stored the outcome of every task it ran.
	 * @param timeout how long at most
	 * @return {@code true} when nothing is left unfinished
	 * @throws InterruptedException when interrupted
	 */
	boolean awaitStored(Duration timeout) throws InterruptedException;

	@Override
	void close();

	/**
	 * Starts a system for one measurement.
	 */
	@FunctionalInterface
	interface Factory {

		/**
		 * Starts it on empty tables.
		 * @param concurrency the worker concurrency
		 * @param probe where its tasks report
		 * @return the running system
		 */
		QueueUnderTest start(int concurrency, PostgresProbe probe);

	}

}

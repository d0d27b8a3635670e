package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the no-op tasks of every PostgreSQL system report to the harness: how many counted
 * tasks ran, and when each pickup task started.
 *
 * @author QTasks contributors
 */
public final class PostgresProbe {

	private volatile CountDownLatch runs = new CountDownLatch(0);

	private volatile AtomicLongArray starts = new AtomicLongArray(0);

	private volatile CountDownLatch started = new CountDownLatch(0);

	/**
	 * Expects a number of counted runs from now on.
	 * @param count how many
	 */
	public void expectRuns(int count) {
		this.runs = new CountDownLatch(count);
	}

	/**
	 * Called by a counted task.
	 */
	public void ran() {
		this.runs.countDown();
	}

	/**
	 * Waits for every expected counted run.
	 * @param timeout how long at most
	 * @return {@code true} when all ran
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitRuns(Duration timeout) throws InterruptedException {
		return this.runs.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * How many expected runs are missing.
	 * @return the count
	 */
	public long missingRuns() {
		return this.runs.getCount();
	}

	/**
	 * Expects pickup tasks with the indexes 0 to {@code count - 1}.
	 * @param count how many
	 */
	public void expectStarts(int count) {
		this.starts = new AtomicLongArray(count);
		this.started = new CountDownLatch(count);
	}

	/**
	 * Called by a pickup task on its first line.
	 * @param index the index it was sent with
	 */
	public void started(int index) {
		long now = System.nanoTime();
		if (index < this.starts.length() && this.starts.compareAndSet(index, 0, now)) {
			this.started.countDown();
		}
	}

	/**
	 * Waits until every expected pickup task started.
	 * @param timeout how long at most
	 * @return {@code true} when all started
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitStarts(Duration timeout) throws InterruptedException {
		return this.started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * When a pickup task started.
	 * @param index its index
	 * @return its {@link System#nanoTime()} at the start
	 */
	public long startOf(int index) {
		return this.starts.get(index);
	}

}

package io.qtasks.benchmarks.qtasks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark tasks report to the harness: how many ran, the last task each worker
 * thread ran, when a pickup task started, and a gate that blocking tasks wait at.
 *
 * @author QTasks contributors
 */
public class TaskProbe {

	private volatile CountDownLatch remaining = new CountDownLatch(0);

	private final Map<Thread, UUID> lastByThread = new ConcurrentHashMap<>();

	private final BlockingQueue<Long> starts = new LinkedBlockingQueue<>();

	private final Semaphore blocked = new Semaphore(0);

	private volatile CountDownLatch gate = new CountDownLatch(0);

	/**
	 * Expects a number of counted runs from now on.
	 * @param runs how many
	 */
	public void expect(int runs) {
		this.lastByThread.clear();
		this.remaining = new CountDownLatch(runs);
	}

	void ran(UUID uuid) {
		this.lastByThread.put(Thread.currentThread(), uuid);
		this.remaining.countDown();
	}

	/**
	 * Waits until every expected run has happened.
	 * @param timeout how long at most
	 * @return {@code true} when all ran
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitRuns(Duration timeout) throws InterruptedException {
		return this.remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * How many expected runs have not happened yet.
	 * @return the count
	 */
	public long missingRuns() {
		return this.remaining.getCount();
	}

	/**
	 * The task each worker thread ran last. A worker thread records a task's outcome
	 * before it runs its next task, so once every expected run has happened these are the
	 * only tasks that may still be writing their outcome.
	 * @return the uuids
	 */
	public List<UUID> lastRuns() {
		return List.copyOf(this.lastByThread.values());
	}

	void started(long nanoTime) {
		this.starts.add(nanoTime);
	}

	/**
	 * Takes the start time of the next pickup task.
	 * @param timeout how long to wait at most
	 * @return its {@link System#nanoTime()} at the start, or {@code null} on timeout
	 * @throws InterruptedException when interrupted
	 */
	public Long awaitStart(Duration timeout) throws InterruptedException {
		return this.starts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Closes the gate: blocking tasks started from now on wait until {@link #open()}.
	 */
	public void close() {
		this.gate = new CountDownLatch(1);
	}

	/**
	 * Opens the gate.
	 */
	public void open() {
		this.gate.countDown();
	}

	void block() throws InterruptedException {
		this.blocked.release();
		this.gate.await();
	}

	/**
	 * Waits until a number of blocking tasks wait at the gate.
	 * @param tasks how many
	 * @param timeout how long at most
	 * @return {@code true} when they do
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitBlocked(int tasks, Duration timeout) throws InterruptedException {
		return this.blocked.tryAcquire(tasks, timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

}

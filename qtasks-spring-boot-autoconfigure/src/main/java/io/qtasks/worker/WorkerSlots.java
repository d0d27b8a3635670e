package io.qtasks.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker's slots, one per task it may run at once: the dispatcher claims only as many
 * tasks as it holds slots, and a task holds its slot until it ends (or, when async, until
 * it waits for its value).
 *
 * @author QTasks contributors
 */
final class WorkerSlots {

	private final Semaphore free;

	private final int concurrency;

	WorkerSlots(int concurrency) {
		this.free = new Semaphore(concurrency);
		this.concurrency = concurrency;
	}

	/**
	 * Waits for a free slot, then takes every free one.
	 * @return how many slots were taken, at least 1
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	int takeFree() throws InterruptedException {
		this.free.acquire();
		return 1 + this.free.drainPermits();
	}

	void release() {
		this.free.release();
	}

	void release(int count) {
		this.free.release(count);
	}

	/**
	 * Waits until every slot is free.
	 * @param timeout how long at most
	 * @return whether they all are
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	boolean awaitAllFree(Duration timeout) throws InterruptedException {
		if (!this.free.tryAcquire(this.concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		this.free.release(this.concurrency);
		return true;
	}

}

package io.qtasks.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the claimants of this node when a shared queue may have work (an engine's
 * notification arrived). A waiter first reads the generation, then looks at the queue,
 * then waits for a newer generation: a signal that arrives between the look and the wait
 * is not lost.
 *
 * @author QTasks contributors
 */
public final class WakeSignal {

	private final Lock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private long generation;

	/**
	 * The generation, to be read before looking at the queue.
	 * @return the generation
	 */
	public long generation() {
		this.lock.lock();
		try {
			return this.generation;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Moves the generation on and wakes every waiter.
	 */
	public void signal() {
		this.lock.lock();
		try {
			this.generation++;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the generation moves past {@code seen}.
	 * @param seen the generation read before looking at the queue
	 * @param timeout how long to wait at most
	 * @param unit the unit of the timeout
	 * @return {@code true} when signalled, {@code false} when the time ran out
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	public boolean await(long seen, long timeout, TimeUnit unit) throws InterruptedException {
		long nanos = unit.toNanos(timeout);
		this.lock.lockInterruptibly();
		try {
			while (this.generation == seen) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.changed.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

}

package io.qtasks.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The claiming role of a worker, held by one pool thread at a time (a leader/follower
 * pool): the leader waits for free slots and for work; when it claims a task that runs on
 * the worker pool, it steps down, passes the role to another pool thread and runs the
 * task itself, so that on an idle worker the task starts on the thread that was woken for
 * it, with no hand-off to another thread.
 * <p>
 * The role is held from {@link #begin()} until {@link #ended()}, also while it passes
 * from one thread to the next. Stopping interrupts the thread that leads at that moment,
 * and never a thread that stepped down to run a task.
 *
 * @author QTasks contributors
 */
final class ClaimLeadership {

	private final Object monitor = new Object();

	private @Nullable Thread leader;

	private boolean held;

	private boolean stopped;

	/**
	 * Opens the role as the worker starts, before its first leader is started.
	 */
	void begin() {
		synchronized (this.monitor) {
			this.stopped = false;
			this.held = true;
		}
	}

	/**
	 * Takes the role on the current thread: the thread started to lead, or one whose
	 * successor could not be started.
	 * @return {@code false} when the worker stops (the role is ended then)
	 */
	boolean takeOn() {
		synchronized (this.monitor) {
			if (this.stopped) {
				endLocked();
				return false;
			}
			this.leader = Thread.currentThread();
			return true;
		}
	}

	/**
	 * Steps down, to run a task: from now on stopping does not interrupt this thread, and
	 * an interrupt that was meant for the leader is cleared. The role stays held until
	 * the successor takes it on, or this thread does again.
	 */
	void stepDown() {
		synchronized (this.monitor) {
			if (this.leader == Thread.currentThread()) {
				this.leader = null;
				Thread.interrupted();
			}
		}
	}

	/**
	 * Ends the role: the leader stops leading (the worker stops, or no successor could be
	 * started).
	 */
	void ended() {
		synchronized (this.monitor) {
			if (this.leader == Thread.currentThread()) {
				this.leader = null;
			}
			endLocked();
		}
	}

	/**
	 * Stops the role: interrupts the leader, if one waits now; a successor that has not
	 * taken the role on yet finds it stopped.
	 */
	void stop() {
		synchronized (this.monitor) {
			this.stopped = true;
			if (this.leader != null) {
				this.leader.interrupt();
			}
		}
	}

	/**
	 * Whether a thread leads, or the role passes to one.
	 * @return the flag
	 */
	boolean isHeld() {
		synchronized (this.monitor) {
			return this.held;
		}
	}

	/**
	 * Waits until the role has ended.
	 * @param timeout how long at most
	 * @return whether it has
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	boolean awaitEnded(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.held) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
			}
			return true;
		}
	}

	private void endLocked() {
		this.held = false;
		this.monitor.notifyAll();
	}

}

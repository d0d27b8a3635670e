package io.qtasks.context;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskCancelledException;
import io.qtasks.engine.ClaimLostException;

/**
 * The control state of one task run on a worker: the thread that runs it and why it was
 * asked to stop, if it was. Cancel, timeout, shutdown and a lost claim interrupt the
 * thread; the task learns why through {@link #stopException()}.
 * <p>
 * A run decides its outcome once, with {@link #finish()}: stop requests that arrive after
 * it (a timeout firing just as the run returned, a late cancel) change nothing and
 * interrupt no one.
 *
 * @author QTasks contributors
 */
public final class TaskRun {

	private final UUID uuid;

	private final @Nullable String node;

	private @Nullable Thread thread;

	private boolean finished;

	private volatile @Nullable String cancelReason;

	private volatile @Nullable Duration exceededTimeout;

	private volatile boolean shutdown;

	private volatile boolean claimLost;

	private boolean shielded;

	private boolean interruptDeferred;

	private final RunSlot slot = new RunSlot();

	/**
	 * Creates the state of a run that has not started yet on a worker node.
	 * @param uuid the task's uuid
	 * @param node the id of the worker node that runs it, or {@code null} when unknown
	 */
	public TaskRun(UUID uuid, @Nullable String node) {
		this.uuid = uuid;
		this.node = node;
	}

	/**
	 * The worker node that runs the task, as its attempts record it.
	 * @return the node's id, or {@code null} when unknown
	 */
	public @Nullable String node() {
		return this.node;
	}

	/**
	 * The task's uuid.
	 * @return the uuid
	 */
	public UUID uuid() {
		return this.uuid;
	}

	/**
	 * The worker slot the run holds, which an async task may give back before the run
	 * ends.
	 * @return the slot
	 */
	public RunSlot slot() {
		return this.slot;
	}

	/**
	 * Binds the run to the thread that executes it; a stop requested earlier interrupts
	 * it at once.
	 * @param thread the executing thread
	 */
	public synchronized void attach(Thread thread) {
		this.thread = thread;
		if (isStopRequested()) {
			thread.interrupt();
		}
	}

	/**
	 * Unbinds the run from its thread and clears an interrupt this run caused, so that a
	 * pooled thread starts its next run clean.
	 */
	public synchronized void detach() {
		if (this.thread == Thread.currentThread()) {
			Thread.interrupted();
		}
		this.thread = null;
	}

	/**
	 * Fixes the run's outcome; called on the run's thread when the task returned or
	 * failed. From then on stop requests are ignored, and an interrupt they caused is
	 * cleared so that the final record can be written.
	 * @return whether a stop had been requested before: the run then ends by the
	 * {@link #stopException()}, whatever the task returned
	 */
	public synchronized boolean finish() {
		this.finished = true;
		if (this.thread == Thread.currentThread()) {
			Thread.interrupted();
		}
		return isStopRequested();
	}

	/**
	 * Asks the run to end as cancelled.
	 * @param reason why
	 */
	public synchronized void cancel(String reason) {
		if (!this.finished) {
			this.cancelReason = reason;
			interrupt();
		}
	}

	/**
	 * Marks the run as cancelled from inside, without interrupting it (the caller
	 * throws).
	 * @param reason why
	 */
	public synchronized void cancelFromInside(String reason) {
		if (!this.finished) {
			this.cancelReason = reason;
		}
	}

	/**
	 * Asks the run to end because it ran longer than its timeout.
	 * @param timeout the timeout it exceeded
	 */
	public synchronized void timeOut(Duration timeout) {
		if (!this.finished && this.exceededTimeout == null) {
			this.exceededTimeout = timeout;
			interrupt();
		}
	}

	/**
	 * Asks the run to end because its claim was lost: another worker has the task now,
	 * and whatever this run does is discarded.
	 */
	public synchronized void loseClaim() {
		if (!this.finished) {
			this.claimLost = true;
			interrupt();
		}
	}

	/**
	 * Asks the run to end because the worker shuts down.
	 */
	public synchronized void stopForShutdown() {
		if (!this.finished) {
			this.shutdown = true;
			interrupt();
		}
	}

	private void interrupt() {
		if (this.thread != null) {
			if (this.shielded) {
				this.interruptDeferred = true;
			}
			else {
				this.thread.interrupt();
			}
		}
	}

	/**
	 * Runs, on the run's thread, an action that a stop must not interrupt: a write to the
	 * broker, whose client could abandon the command while the broker still carries it
	 * out. A stop requested meanwhile interrupts the thread as soon as the action is
	 * done. On another thread the action simply runs.
	 * @param <T> the result type
	 * @param action the action
	 * @return its result
	 */
	public <T> T shielded(Supplier<T> action) {
		boolean interrupted;
		synchronized (this) {
			if (this.thread != Thread.currentThread()) {
				return action.get();
			}
			this.shielded = true;
			interrupted = Thread.interrupted();
		}
		try {
			return action.get();
		}
		finally {
			synchronized (this) {
				this.shielded = false;
				if (interrupted || this.interruptDeferred) {
					this.interruptDeferred = false;
					this.thread.interrupt();
				}
			}
		}
	}

	/**
	 * Why the run was cancelled.
	 * @return the reason, or {@code null} when it was not
	 */
	public @Nullable String cancelReason() {
		return this.cancelReason;
	}

	/**
	 * Whether the run exceeded its timeout.
	 * @return the flag
	 */
	public boolean isTimedOut() {
		return this.exceededTimeout != null;
	}

	/**
	 * Whether the run was stopped by a worker shutdown.
	 * @return the flag
	 */
	public boolean isShutdown() {
		return this.shutdown;
	}

	/**
	 * Whether the run's claim was lost to another worker.
	 * @return the flag
	 */
	public boolean isClaimLost() {
		return this.claimLost;
	}

	/**
	 * Whether anything asked the run to stop.
	 * @return the flag
	 */
	public boolean isStopRequested() {
		return this.claimLost || this.cancelReason != null || this.exceededTimeout != null || this.shutdown;
	}

	/**
	 * The exception that ends the run after an interruption, by the reason it was
	 * interrupted for.
	 * @return the exception to throw
	 */
	public RuntimeException stopException() {
		if (this.claimLost) {
			return new ClaimLostException(this.uuid);
		}
		if (this.cancelReason != null) {
			return new TaskCancelledException(this.cancelReason);
		}
		Duration timeout = this.exceededTimeout;
		if (timeout != null) {
			return new TaskTimeoutException(this.uuid, timeout);
		}
		return new TaskInterruptedException(
				"Task " + this.uuid + " was interrupted" + (this.shutdown ? " by the worker's shutdown" : ""));
	}

}

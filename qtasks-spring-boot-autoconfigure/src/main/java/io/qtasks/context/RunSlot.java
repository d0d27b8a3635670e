package io.qtasks.context;

import org.jspecify.annotations.Nullable;

/**
 * The worker slot a task run holds. An async task whose value is pending gives it back
 * while the run goes on, so that the worker can run another task meanwhile.
 *
 * @author QTasks contributors
 */
public final class RunSlot {

	private @Nullable Runnable release;

	private boolean released;

	RunSlot() {
	}

	/**
	 * Says how to give the slot back before the run ends.
	 * @param release gives the slot back
	 */
	public synchronized void onRelease(Runnable release) {
		this.release = release;
	}

	/**
	 * Gives the slot back while the run goes on, once; the worker then neither gives it
	 * back again nor claims another task for it when the run ends.
	 */
	public void release() {
		Runnable action;
		synchronized (this) {
			if (this.released || this.release == null) {
				return;
			}
			this.released = true;
			action = this.release;
		}
		action.run();
	}

	/**
	 * Whether the run gave its slot back early.
	 * @return the flag
	 */
	public synchronized boolean isReleased() {
		return this.released;
	}

}

package io.qtasks.engine;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.qtasks.Task;

/**
 * The events of an engine that announces the ends of tasks only while some node waits for
 * results: a node lists itself as waiting ({@link WaiterListing}) before its waiters read
 * their records, keeps the listing while anyone there waits, and takes it out once nobody
 * does.
 *
 * @author QTasks contributors
 */
public abstract class ListedWaitersTaskEvents extends TaskEventsSupport {

	private final WaiterListing waiters;

	/**
	 * Creates the events.
	 * @param waiters this node's listing
	 */
	protected ListedWaitersTaskEvents(WaiterListing waiters) {
		this.waiters = waiters;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Lists this node as waiting first (one call to the engine when its registration is
	 * not fresh), so that the task's end is announced.
	 * @throws org.springframework.dao.DataAccessException when the engine cannot be
	 * reached
	 */
	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		CompletableFuture<Task> future = super.whenFinished(uuid);
		try {
			this.waiters.ensureListed();
		}
		catch (RuntimeException ex) {
			future.cancel(false);
			throw ex;
		}
		return future;
	}

	/**
	 * Renews this node's listing as waiting while anyone here waits (for waits longer
	 * than a registration lasts), and takes it out once nobody here waits. The
	 * housekeeping calls it every reaper interval.
	 */
	public void renewWaiting() {
		if (!waitedFor().isEmpty()) {
			this.waiters.ensureListed();
		}
		else {
			this.waiters.unlistIf(() -> waitedFor().isEmpty());
		}
	}

	/**
	 * This node's listing, to list it again when the engine may have lost it.
	 * @return the listing
	 */
	protected WaiterListing waiters() {
		return this.waiters;
	}

}

package io.qtasks.engine.spi;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.qtasks.Task;

/**
 * What an engine tells the nodes: finished tasks (to wake their waiters) and cancel
 * requests (to stop the runs they are meant for). The announcements come from the
 * {@link TaskRecordStore} and {@link TaskSteps} of the same engine.
 *
 * @author QTasks contributors
 */
public interface TaskEvents {

	/**
	 * A future completed with the record when the task reaches a final status. Cancel the
	 * future to stop waiting. The caller reads the record afterwards to cover a task that
	 * finished before the future was registered.
	 * @param uuid the task's uuid
	 * @return the future
	 */
	CompletableFuture<Task> whenFinished(UUID uuid);

	/**
	 * Registers a listener for cancel requests.
	 * @param listener the listener
	 */
	void addCancelRequestListener(CancelRequestListener listener);

	/**
	 * Called by a worker of this node just before it stores a task's final record: the
	 * returned action hands the record, once stored, to this node's waiters for the task
	 * registered by now, so that they need not wait for the announcement to come back
	 * from the engine's server. Waiters registered later (the task may have been requeued
	 * meanwhile, and they wait for a later outcome) and waiters on other nodes still hear
	 * the announcement. The default hands nothing over, for engines whose announcements
	 * do not leave the JVM.
	 * @param uuid the task's uuid
	 * @return what to do with the final record once it is stored
	 */
	default Consumer<Task> finishingHere(UUID uuid) {
		return (record) -> {
		};
	}

}

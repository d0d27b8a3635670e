package io.qtasks.engine.spi;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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

}

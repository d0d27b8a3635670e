package io.qtasks.broker;

import java.util.UUID;

/**
 * Receives requests to cancel a claimed or running task, on every worker node.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface CancelRequestListener {

	/**
	 * Called when a cancel was requested.
	 * @param uuid the task's uuid
	 * @param reason why
	 */
	void cancelRequested(UUID uuid, String reason);

}

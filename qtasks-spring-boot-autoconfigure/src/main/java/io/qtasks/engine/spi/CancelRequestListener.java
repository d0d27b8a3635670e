package io.qtasks.engine.spi;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Receives the cancel requests of claimed tasks, on every node.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface CancelRequestListener {

	/**
	 * A cancel was requested.
	 * @param uuid the task's uuid
	 * @param token the claim the request is meant for, or {@code null} for whichever
	 * holds the task
	 * @param reason why
	 */
	void cancelRequested(UUID uuid, @Nullable String token, String reason);

	/**
	 * Requests may have been missed (the engine's subscription was down and is back): the
	 * listener should look the requests of its tasks up in the store.
	 */
	default void requestsMayHaveBeenMissed() {
	}

}

package io.qtasks.engine;

import java.util.UUID;

/**
 * A worker's claim on a task was lost: its lease ran out and the task was handed to
 * another worker. This worker's run stops without recording anything.
 *
 * @author QTasks contributors
 */
public class ClaimLostException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param uuid the task whose claim was lost
	 */
	public ClaimLostException(UUID uuid) {
		super("The claim on task " + uuid + " was lost to another worker; this run's outcome is discarded");
	}

}

package io.qtasks.broker;

import java.util.UUID;

/**
 * A worker's claim on a task was lost (its lease expired and the task was handed to
 * another worker); this worker's run must stop without recording anything.
 *
 * @author QTasks contributors
 */
public class LeaseLostException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param uuid the task whose claim was lost
	 */
	public LeaseLostException(UUID uuid) {
		super("The claim on task " + uuid + " was lost to another worker; this run's outcome is discarded");
	}

}

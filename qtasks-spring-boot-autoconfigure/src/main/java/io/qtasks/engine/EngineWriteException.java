package io.qtasks.engine;

import java.util.UUID;

/**
 * The engine failed to store a state of a claimed task's run (for example Redis did not
 * answer). The run stops without an outcome, since the engine's failure is not the
 * task's: the task goes back to the queue, or runs again once its claim runs out.
 *
 * @author QTasks contributors
 */
public class EngineWriteException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param uuid the task whose state could not be stored
	 * @param cause the engine's exception
	 */
	public EngineWriteException(UUID uuid, Throwable cause) {
		super("The engine could not store the state of task " + uuid + ": " + cause, cause);
	}

}

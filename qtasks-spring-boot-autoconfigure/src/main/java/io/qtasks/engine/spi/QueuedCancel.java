package io.qtasks.engine.spi;

/**
 * What {@link TaskSteps#cancelQueued} did.
 *
 * @author QTasks contributors
 */
public enum QueuedCancel {

	/** The task was queued or waiting: it left the queue and its record is cancelled. */
	CANCELLED,

	/** The task is not queued (claimed, or between two steps): nothing changed. */
	NOT_QUEUED,

	/** The task had already finished. */
	FINISHED,

	/** No record has that uuid. */
	NOT_FOUND

}

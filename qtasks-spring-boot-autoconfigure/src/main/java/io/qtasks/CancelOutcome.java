package io.qtasks;

/**
 * What {@link QTasks#cancel(java.util.UUID, String)} did.
 *
 * @author QTasks contributors
 */
public enum CancelOutcome {

	/** The task was still queued: it is now {@code cancel} and will never run. */
	CANCELLED,

	/** The task is running: it was asked to stop and will end as {@code cancel}. */
	CANCEL_REQUESTED,

	/** The task had already finished; nothing changed. */
	ALREADY_FINISHED,

	/** No task with that uuid is known. */
	NOT_FOUND

}

package io.qtasks;

/**
 * What requeuing a finished task did ({@code POST /actuator/qtasks/{uuid}}, or
 * {@code TaskBroker.requeue}).
 *
 * @author QTasks contributors
 */
public enum RequeueOutcome {

	/** The task had ended in {@code error} or {@code cancel}: it is queued again. */
	REQUEUED,

	/**
	 * The task is queued, running or ended in {@code success}; nothing changed. Only
	 * tasks that ended in {@code error} or {@code cancel} can be requeued.
	 */
	NOT_REQUEUEABLE,

	/** No task with that uuid is known (or its record has expired). */
	NOT_FOUND

}

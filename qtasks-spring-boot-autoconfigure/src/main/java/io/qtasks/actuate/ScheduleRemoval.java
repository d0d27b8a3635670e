package io.qtasks.actuate;

/**
 * What removing a schedule through {@link QTasksEndpoint} did.
 *
 * @author QTasks contributors
 */
public enum ScheduleRemoval {

	/** The schedule was removed. */
	REMOVED,

	/** No schedule has that name. */
	NOT_FOUND,

	/**
	 * The schedule is declared with {@code @QTask}: it can be paused, not removed.
	 */
	DECLARED

}

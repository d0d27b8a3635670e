package io.qtasks.engine.spi;

/**
 * What {@link TaskScheduleStore#fire} did.
 *
 * @author QTasks contributors
 */
public enum ScheduleFiring {

	/** The firing's task was stored and queued by this call. */
	FIRED,

	/**
	 * This due time, or a later one, had been fired already (by any node), or the
	 * firing's task exists; nothing was queued.
	 */
	ALREADY_FIRED,

	/** The schedule is paused; nothing was queued. */
	PAUSED,

	/** No schedule has that name (it was removed); nothing was queued. */
	NOT_FOUND

}

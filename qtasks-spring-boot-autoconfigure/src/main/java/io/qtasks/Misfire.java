package io.qtasks;

/**
 * What a recurring schedule does with the due times that passed while no node fired it
 * (every node was down, or the firing node was stuck for longer than the misfire
 * threshold, {@code qtasks.schedules.misfire-threshold}).
 *
 * @author QTasks contributors
 */
public enum Misfire {

	/**
	 * The missed due times fire once, as soon as a node can, for the latest of them; then
	 * the schedule goes on as usual. The default: a nightly report that was missed is
	 * built when the application is back, once however many nights were missed.
	 */
	RUN_ONCE,

	/**
	 * The missed due times do not fire; the schedule goes on with its next due time. For
	 * work that is only worth doing on time (a heartbeat, a cache warm-up).
	 */
	SKIP

}

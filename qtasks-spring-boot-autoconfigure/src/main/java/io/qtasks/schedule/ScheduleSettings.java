package io.qtasks.schedule;

import java.time.Duration;

/**
 * How schedules fire.
 *
 * @param misfireThreshold how late a due time may still fire under
 * {@link io.qtasks.Misfire#SKIP}; a later one counts as missed
 * @param refreshInterval how often a worker node reads the stored schedules again (to see
 * those added, paused or removed on other nodes)
 * @author QTasks contributors
 */
public record ScheduleSettings(Duration misfireThreshold, Duration refreshInterval) {

	/**
	 * The defaults: due times up to 10 seconds late still fire under {@code SKIP}; the
	 * stored schedules are read every second.
	 */
	public static final ScheduleSettings DEFAULTS = new ScheduleSettings(Duration.ofSeconds(10), Duration.ofSeconds(1));

	/**
	 * Checks the settings.
	 */
	public ScheduleSettings {
		if (misfireThreshold.isNegative()) {
			throw new IllegalArgumentException("the misfire threshold must not be negative, was " + misfireThreshold);
		}
		if (refreshInterval.toMillis() < 1) {
			throw new IllegalArgumentException("the refresh interval must be at least 1ms, was " + refreshInterval);
		}
	}

}

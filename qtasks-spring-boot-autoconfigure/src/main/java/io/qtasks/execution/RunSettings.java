package io.qtasks.execution;

import java.time.Duration;

/**
 * How runs behave.
 *
 * @param progressInterval the least time between two writes of a generator task's
 * progress
 * @param maxDeliveries how many times a task's worker may stop under it (die, lose its
 * claim) before the task ends as {@code error} instead of running again
 * @author QTasks contributors
 */
public record RunSettings(Duration progressInterval, int maxDeliveries) {

	/**
	 * The defaults: progress at most once a second, five lost deliveries.
	 */
	public static final RunSettings DEFAULTS = new RunSettings(Duration.ofSeconds(1), 5);

	/**
	 * Checks the settings.
	 */
	public RunSettings {
		if (progressInterval.isNegative()) {
			throw new IllegalArgumentException("the progress interval must not be negative, was " + progressInterval);
		}
		if (maxDeliveries < 1) {
			throw new IllegalArgumentException("max deliveries must be at least 1, was " + maxDeliveries);
		}
	}

}

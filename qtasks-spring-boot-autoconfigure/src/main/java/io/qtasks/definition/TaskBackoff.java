package io.qtasks.definition;

import java.time.Duration;

/**
 * The resolved pause between the attempts of a task ({@code @QTask(backoff = ...)} with
 * {@code qtasks.retry.backoff.*} defaults applied).
 *
 * @param delay the pause before the first retry; zero for none
 * @param multiplier how much longer each further pause is; 1 for a fixed pause
 * @param maxDelay the longest pause, never below {@code delay}
 * @param jitter the random spread of each pause; zero for none
 * @author QTasks contributors
 */
public record TaskBackoff(Duration delay, double multiplier, Duration maxDelay, Duration jitter) {

	/**
	 * No pause at all.
	 */
	public static final TaskBackoff NONE = new TaskBackoff(Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO);

	/**
	 * Checks the values and raises a cap below the delay to the delay.
	 */
	public TaskBackoff {
		if (delay.isNegative() || jitter.isNegative()) {
			throw new IllegalArgumentException("delay and jitter must not be negative");
		}
		if (!(multiplier >= 1.0)) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
		if (maxDelay.compareTo(delay) < 0) {
			maxDelay = delay;
		}
	}

	/**
	 * Whether attempts follow each other without any pause.
	 * @return {@code true} when there is neither a delay nor a jitter
	 */
	public boolean isNone() {
		return this.delay.isZero() && this.jitter.isZero();
	}

}

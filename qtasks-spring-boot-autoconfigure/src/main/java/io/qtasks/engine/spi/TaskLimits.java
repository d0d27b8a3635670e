package io.qtasks.engine.spi;

import org.jspecify.annotations.Nullable;

/**
 * The limits of one task name, which a queue enforces as it hands tasks out, across every
 * node that claims from it: at most {@code maxConcurrency} claims at once, and starts
 * within {@code rateLimit}. Tasks enqueued with a limit key are limited per key: each key
 * gets the whole cap and rate. A task over a limit stays queued without holding a claim,
 * and the tasks queued behind it are handed out past it.
 *
 * @param maxConcurrency the most claims at once, or 0 for no cap
 * @param rateLimit the most starts per window, or {@code null} for none
 * @author QTasks contributors
 */
public record TaskLimits(int maxConcurrency, @Nullable RateLimit rateLimit) {

	/**
	 * No limit.
	 */
	public static final TaskLimits NONE = new TaskLimits(0, null);

	/**
	 * Checks the limits.
	 */
	public TaskLimits {
		if (maxConcurrency < 0) {
			throw new IllegalArgumentException("maxConcurrency must be 0 (no cap) or more, was " + maxConcurrency);
		}
	}

	/**
	 * Whether there is any limit.
	 * @return {@code true} when there is a cap or a rate
	 */
	public boolean isLimited() {
		return this.maxConcurrency > 0 || this.rateLimit != null;
	}

}

package io.qtasks.config;

import java.time.Duration;

/**
 * Retry defaults for tasks whose @QTask does not set them.
 * <p>
 * Bound under {@code qtasks.retry.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksRetryProperties {

	/**
	 * How many times a failed run is retried when its @QTask sets no retry.
	 */
	private int retries = 0;

	private final Backoff backoff = new Backoff();

	public int getRetries() {
		return this.retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	@Override
	public String toString() {
		return "Retry(retries=" + this.retries + ", backoff=" + this.backoff + ")";
	}

	/**
	 * The pause between attempts of tasks whose @QTask(backoff = ...) leaves it unset.
	 */
	public static class Backoff {

		/**
		 * Pause before the first retry. 0 retries at once.
		 */
		private Duration delay = Duration.ZERO;

		/**
		 * How much longer each further pause is than the one before; 1 keeps the pause
		 * fixed.
		 */
		private double multiplier = 1.0;

		/**
		 * Longest pause a growing backoff reaches.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Random spread applied to each pause, so that tasks failing together do not
		 * retry in lockstep. 0 disables it.
		 */
		private Duration jitter = Duration.ZERO;

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		@Override
		public String toString() {
			return "Backoff(delay=" + this.delay + ", multiplier=" + this.multiplier + ", maxDelay=" + this.maxDelay
					+ ", jitter=" + this.jitter + ")";
		}

	}

}

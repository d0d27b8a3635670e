package io.qtasks.config;

import java.time.Duration;

/**
 * Storage settings.
 * <p>
 * Bound under {@code qtasks.storage.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksStorageProperties {

	/**
	 * How long finished records of tasks that succeeded or were cancelled are kept.
	 */
	private Duration finishedTtl = Duration.ofDays(7);

	/**
	 * How long records of tasks that ended in error (after their retries) are kept: the
	 * dead letters, which the actuator lists and requeues.
	 */
	private Duration failedTtl = Duration.ofDays(30);

	public Duration getFinishedTtl() {
		return this.finishedTtl;
	}

	public void setFinishedTtl(Duration finishedTtl) {
		this.finishedTtl = finishedTtl;
	}

	public Duration getFailedTtl() {
		return this.failedTtl;
	}

	public void setFailedTtl(Duration failedTtl) {
		this.failedTtl = failedTtl;
	}

	@Override
	public String toString() {
		return "Storage(finishedTtl=" + this.finishedTtl + ", failedTtl=" + this.failedTtl + ")";
	}

}

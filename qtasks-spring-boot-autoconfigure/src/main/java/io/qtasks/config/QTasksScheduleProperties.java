package io.qtasks.config;

import java.time.Duration;

/**
 * Settings of recurring schedules ({@code @QTask(cron = ...)}, {@code fixedRate},
 * {@code TaskSchedules}).
 * <p>
 * Bound under {@code qtasks.schedules.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksScheduleProperties {

	/**
	 * Whether this node's worker fires due schedules. Worker nodes fire them by default
	 * (each due time once per application, however many nodes fire); client-only nodes
	 * never do.
	 */
	private boolean enabled = true;

	/**
	 * How late a due time may still fire under misfire = SKIP; a due time that no node
	 * fired for longer counts as missed and is skipped.
	 */
	private Duration misfireThreshold = Duration.ofSeconds(10);

	/**
	 * How often a worker node reads the stored schedules again, to see those added,
	 * paused, resumed or removed on other nodes.
	 */
	private Duration refreshInterval = Duration.ofSeconds(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMisfireThreshold() {
		return this.misfireThreshold;
	}

	public void setMisfireThreshold(Duration misfireThreshold) {
		this.misfireThreshold = misfireThreshold;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	@Override
	public String toString() {
		return "Schedules(enabled=" + this.enabled + ", misfireThreshold=" + this.misfireThreshold
				+ ", refreshInterval=" + this.refreshInterval + ")";
	}

}

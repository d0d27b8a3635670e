package io.qtasks.reliability;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * The sizes of the reliability scenarios: small in {@code mvn verify}, large under the
 * {@code reliability} Maven profile (see {@code docs/reliability.md}). Each can also be
 * set on the command line, for example {@code -Dreliability.kill.tasks=50000}.
 *
 * @author QTasks contributors
 */
final class ReliabilitySettings {

	private ReliabilitySettings() {
	}

	/**
	 * How many tasks the kill -9 scenario runs.
	 * @return the count
	 */
	static int killTasks() {
		return Integer.getInteger("reliability.kill.tasks", 1500);
	}

	/**
	 * How many tasks the Redis restart scenario runs.
	 * @return the count
	 */
	static int restartTasks() {
		return Integer.getInteger("reliability.restart.tasks", 300);
	}

	/**
	 * How many finished records expire at once in the heartbeat starvation scenario.
	 * @return the count
	 */
	static int expiryRecords() {
		return Integer.getInteger("reliability.expiry.records", 3000);
	}

	/**
	 * How long the clients of the load scenario enqueue.
	 * @return the duration
	 */
	static Duration loadDuration() {
		return DurationStyle.detectAndParse(System.getProperty("reliability.load.duration", "8s"));
	}

}

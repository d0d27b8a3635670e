package io.qtasks.sample.dashboard;

import io.qtasks.annotation.QTask;

/**
 * The tasks of the schedules: {@code nightly_digest} declared on a cron in a zone (02:00
 * in Paris, so that it does not fire during a test), and {@code send_heartbeat}, the task
 * of a fixed-rate schedule the test adds at run time.
 *
 * @author QTasks contributors
 */
public class ScheduledTasks {

	@QTask(name = "nightly_digest", cron = "0 0 2 * * *", zone = "Europe/Paris")
	public String nightlyDigest() {
		return "digest sent";
	}

	@QTask(name = "send_heartbeat")
	public String sendHeartbeat() {
		return "alive";
	}

}

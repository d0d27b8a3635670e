package io.qtasks.sample.dashboard;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qtasks.annotation.QTask;

/**
 * Tasks in named queues with limits: {@code send_email} in {@code emails}, one run at a
 * time, and each run holding until the test lets it go, so that the next one waits for
 * the cap; {@code render_report} in {@code reports}, one start an hour, so that the
 * second one waits for the rate.
 *
 * @author QTasks contributors
 */
public class LimitedTasks {

	private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

	private final CountDownLatch open = new CountDownLatch(1);

	@QTask(name = "send_email", queue = "emails", maxConcurrency = 1)
	public String sendEmail(String to) throws InterruptedException {
		return this.open.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS) ? "sent to " + to : "gave up";
	}

	@QTask(name = "render_report", queue = "reports", rateLimit = "1/1h")
	public String renderReport(String name) {
		return "rendered " + name;
	}

	void open() {
		this.open.countDown();
	}

}

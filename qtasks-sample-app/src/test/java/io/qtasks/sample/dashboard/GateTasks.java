package io.qtasks.sample.dashboard;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qtasks.annotation.QTask;

/**
 * A task that holds the worker's only slot until the test lets it go, so that the tasks
 * added after it stay queued.
 *
 * @author QTasks contributors
 */
public class GateTasks {

	private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

	private final CountDownLatch open = new CountDownLatch(1);

	@QTask(name = "hold_the_slot")
	public String hold() throws InterruptedException {
		return this.open.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS) ? "released" : "gave up";
	}

	void open() {
		this.open.countDown();
	}

}

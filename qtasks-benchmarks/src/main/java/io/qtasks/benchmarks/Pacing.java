package io.qtasks.benchmarks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Spaces out the single tasks of the pickup figures, so each finds its worker idle and,
 * for a polling peer, enqueues fall at random points of its polling cycle.
 *
 * @author QTasks contributors
 */
public final class Pacing {

	private Pacing() {
	}

	/**
	 * Sleeps between 1 and 5 ms, uniformly at random.
	 * @throws InterruptedException when interrupted
	 */
	public static void idlePause() throws InterruptedException {
		pause(Duration.ofMillis(5));
	}

	/**
	 * Sleeps between 1 ms and a maximum, uniformly at random: spaced this way, enqueues
	 * fall at random points of a polling cycle as long as the maximum.
	 * @param max the longest pause
	 * @throws InterruptedException when interrupted
	 */
	public static void pause(Duration max) throws InterruptedException {
		TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(1_000, max.toNanos() / 1_000 + 1));
	}

}

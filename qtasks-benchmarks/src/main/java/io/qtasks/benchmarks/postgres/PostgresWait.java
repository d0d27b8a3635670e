package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for an outcome the harness can only read from the database, looking again after a
 * short pause.
 *
 * @author QTasks contributors
 */
final class PostgresWait {

	private PostgresWait() {
	}

	/**
	 * Waits until a condition holds.
	 * @param timeout how long at most
	 * @param pause the pause between two looks
	 * @param condition what to wait for
	 * @return {@code true} when it held in time
	 * @throws InterruptedException when interrupted
	 */
	static boolean until(Duration timeout, Duration pause, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			TimeUnit.NANOSECONDS.sleep(pause.toNanos());
		}
		return true;
	}

}

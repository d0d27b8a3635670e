package io.qtasks.execution;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Fires the delayed actions of task runs (timeouts, progress writes) on one daemon
 * thread, {@code qtasks-timer}. Actions must be short: they only flag a run or write a
 * small record.
 *
 * @author QTasks contributors
 */
public class RunTimer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunTimer.class);

	private final ScheduledThreadPoolExecutor executor;

	/**
	 * Creates a timer; its thread starts with the first scheduled action.
	 */
	public RunTimer() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-timer-");
		threads.setDaemon(true);
		this.executor = new ScheduledThreadPoolExecutor(1, threads);
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/**
	 * Runs an action after a delay.
	 * @param action the action
	 * @param delay how long to wait
	 * @return a handle whose {@link Future#cancel(boolean) cancel(false)} drops the
	 * action if it has not fired yet
	 */
	public Future<?> schedule(Runnable action, Duration delay) {
		try {
			return this.executor.schedule(() -> {
				try {
					action.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A delayed action of a task run failed", ex);
				}
			}, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed: the application is shutting down and no action will be needed
			logger.debug("Not scheduling a delayed action of a task run: the timer is closed");
			return CompletableFuture.completedFuture(null);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}

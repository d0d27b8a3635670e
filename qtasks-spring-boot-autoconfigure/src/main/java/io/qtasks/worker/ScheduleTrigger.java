package io.qtasks.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.schedule.ScheduleFirer;

/**
 * The worker part that fires due schedules, on a daemon thread of its own: it wakes when
 * the next schedule is due (or the stored schedules are to be read again), fires, and
 * sleeps again. It runs while the worker runs, so that client-only nodes fire nothing.
 *
 * @author QTasks contributors
 */
final class ScheduleTrigger implements WorkerPart {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleTrigger.class);

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final ScheduleFirer firer;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean failing;

	private volatile boolean stopping;

	ScheduleTrigger(ScheduleFirer firer) {
		this.firer = firer;
	}

	@Override
	public synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-schedules-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		this.stopping = false;
		this.firer.reset();
		this.scheduler.execute(this::fire);
	}

	@Override
	public void stop(Runnable callback) {
		ScheduledExecutorService stopping;
		synchronized (this) {
			this.stopping = true;
			stopping = this.scheduler;
			this.scheduler = null;
		}
		try {
			if (stopping != null) {
				stopping.shutdownNow();
				stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			callback.run();
		}
	}

	private void fire() {
		Duration wait;
		try {
			wait = this.firer.fireDue();
			if (this.failing) {
				logger.info("QTasks schedules fire again");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (this.stopping) {
				// interrupted by the stop: what was fired is stored, nothing is owed
				return;
			}
			if (!this.failing) {
				logger.warn("QTasks could not fire the due schedules; trying again every {}: {}", RETRY_AFTER_FAILURE,
						NestedExceptionUtils.getMostSpecificCause(ex).toString());
				this.failing = true;
			}
			wait = RETRY_AFTER_FAILURE;
		}
		synchronized (this) {
			if (this.scheduler != null && !this.scheduler.isShutdown()) {
				this.scheduler.schedule(this::fire, wait.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

}

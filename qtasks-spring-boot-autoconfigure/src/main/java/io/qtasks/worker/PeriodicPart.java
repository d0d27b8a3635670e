package io.qtasks.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A worker part that does one thing at a fixed interval on a daemon thread of its own, so
 * that no other part can delay it.
 *
 * @author QTasks contributors
 */
abstract class PeriodicPart implements WorkerPart {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicPart.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final String threadName;

	private @Nullable ScheduledExecutorService scheduler;

	PeriodicPart(String threadName) {
		this.threadName = threadName;
	}

	/**
	 * How often {@link #tick()} runs.
	 * @return the interval
	 */
	abstract Duration interval();

	/**
	 * The periodic action; what it throws is logged and the next tick runs as usual.
	 */
	abstract void tick();

	@Override
	public synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(this.threadName + "-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		long interval = interval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::guardedTick, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop(Runnable callback) {
		ScheduledExecutorService stopping;
		synchronized (this) {
			stopping = this.scheduler;
			this.scheduler = null;
		}
		try {
			if (stopping != null) {
				stopping.shutdown();
				stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			stopped();
			callback.run();
		}
	}

	/**
	 * Called once the part has stopped ticking.
	 */
	void stopped() {
	}

	private void guardedTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.warn("{} failed: {}", this.threadName, ex.toString());
		}
	}

}

package io.qtasks.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What the lifecycles of shared engines have in common: their own parts (subscriptions, a
 * listening connection) started with the application context, and the housekeeping run on
 * a thread of its own every interval, in the engine phase: after the connection factories
 * start, and stopping after the worker and before them.
 *
 * @author QTasks contributors
 */
public abstract class EngineLifecycleSupport implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EngineLifecycleSupport.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final String engine;

	private final Runnable housekeeping;

	private final Duration interval;

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates the lifecycle.
	 * @param engine the engine's name for threads and logs, such as {@code "Redis"}
	 * @param housekeeping one run of the housekeeping
	 * @param interval how often the housekeeping runs
	 */
	protected EngineLifecycleSupport(String engine, Runnable housekeeping, Duration interval) {
		this.engine = engine;
		this.housekeeping = housekeeping;
		this.interval = interval;
	}

	/**
	 * Starts the engine's own parts, before the housekeeping.
	 */
	protected abstract void startParts();

	/**
	 * Stops the engine's own parts, after the housekeeping.
	 */
	protected abstract void stopParts();

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.executor != null) {
				return;
			}
			startParts();
			CustomizableThreadFactory threads = new CustomizableThreadFactory(
					"qtasks-" + this.engine.toLowerCase(Locale.ROOT) + "-maintenance-");
			threads.setDaemon(true);
			this.executor = Executors.newSingleThreadScheduledExecutor(threads);
			this.executor.scheduleWithFixedDelay(this::housekeep, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.executor == null) {
				return;
			}
			this.executor.shutdown();
			try {
				if (!this.executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("{} engine maintenance did not stop within {}", this.engine, STOP_TIMEOUT);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
			stopParts();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.executor != null;
		}
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.ENGINE;
	}

	private void housekeep() {
		try {
			this.housekeeping.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{} engine maintenance failed: {}", this.engine,
					LogSafe.text(NestedExceptionUtils.getMostSpecificCause(ex).toString()));
		}
	}

}

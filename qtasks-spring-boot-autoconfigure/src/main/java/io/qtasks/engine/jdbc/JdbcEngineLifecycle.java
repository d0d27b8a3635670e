package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.engine.LifecyclePhases;
import io.qtasks.engine.LogSafe;

/**
 * Starts and stops the JDBC engine's own parts with the application context: the
 * listening connection, and the housekeeping on a thread of its own every reaper
 * interval. It starts before the worker and stops after it.
 *
 * @author QTasks contributors
 */
public class JdbcEngineLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(JdbcEngineLifecycle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final JdbcNotifications notifications;

	private final JdbcMaintenance maintenance;

	private final Duration reaperInterval;

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService housekeeping;

	/**
	 * Creates the lifecycle.
	 * @param notifications the listening connection
	 * @param maintenance the housekeeping
	 * @param reaperInterval how often the housekeeping runs
	 */
	public JdbcEngineLifecycle(JdbcNotifications notifications, JdbcMaintenance maintenance, Duration reaperInterval) {
		this.notifications = notifications;
		this.maintenance = maintenance;
		this.reaperInterval = reaperInterval;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.housekeeping != null) {
				return;
			}
			this.notifications.start();
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-jdbc-maintenance-");
			threads.setDaemon(true);
			this.housekeeping = Executors.newSingleThreadScheduledExecutor(threads);
			this.housekeeping.scheduleWithFixedDelay(this::housekeep, 0, this.reaperInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.housekeeping == null) {
				return;
			}
			this.housekeeping.shutdown();
			try {
				if (!this.housekeeping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("JDBC engine maintenance did not stop within {}", STOP_TIMEOUT);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.housekeeping = null;
			this.notifications.stop();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.housekeeping != null;
		}
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.ENGINE;
	}

	private void housekeep() {
		try {
			this.maintenance.run();
		}
		catch (RuntimeException ex) {
			logger.warn("JDBC engine maintenance failed: {}",
					LogSafe.text(NestedExceptionUtils.getMostSpecificCause(ex).toString()));
		}
	}

}

package io.qtasks.engine.jdbc;

import java.time.Duration;

import io.qtasks.engine.EngineLifecycleSupport;

/**
 * Starts and stops the JDBC engine's own parts with the application context: the
 * notifier, the listening connection, and the housekeeping on a thread of its own every
 * reaper interval. It starts before the worker and stops after it.
 *
 * @author QTasks contributors
 */
public class JdbcEngineLifecycle extends EngineLifecycleSupport {

	private final JdbcNotifications notifications;

	private final JdbcNotifier notifier;

	/**
	 * Creates the lifecycle.
	 * @param notifications the listening connection
	 * @param notifier sends the wake-ups and finished tasks
	 * @param maintenance the housekeeping
	 * @param reaperInterval how often the housekeeping runs
	 */
	public JdbcEngineLifecycle(JdbcNotifications notifications, JdbcNotifier notifier, JdbcMaintenance maintenance,
			Duration reaperInterval) {
		this(notifications, notifier, maintenance::run, reaperInterval);
	}

	/**
	 * Creates the lifecycle.
	 * @param notifications the listening connection
	 * @param notifier sends the wake-ups and finished tasks
	 * @param housekeeping what runs every reaper interval (the {@link JdbcMaintenance}
	 * and what else the node keeps up, such as its listing as waiting for results)
	 * @param reaperInterval how often the housekeeping runs
	 */
	public JdbcEngineLifecycle(JdbcNotifications notifications, JdbcNotifier notifier, Runnable housekeeping,
			Duration reaperInterval) {
		super("JDBC", housekeeping, reaperInterval);
		this.notifications = notifications;
		this.notifier = notifier;
	}

	@Override
	protected void startParts() {
		this.notifier.start();
		this.notifications.start();
	}

	@Override
	protected void stopParts() {
		this.notifications.stop();
		this.notifier.stop();
	}

}

package io.qtasks.engine;

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle phases of QTasks' parts, in one place. Spring starts lower phases first
 * and stops higher phases first.
 *
 * @author QTasks contributors
 */
public final class LifecyclePhases {

	/**
	 * The worker: it starts last and stops first, before the web server's graceful
	 * shutdown, so that it drains while the engine still answers.
	 */
	public static final int WORKER = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * An engine's own parts (subscriptions, maintenance): they start after the
	 * connections they use and stop after the worker, before those connections.
	 */
	public static final int ENGINE = 1024;

	private LifecyclePhases() {
	}

}

package io.qtasks.worker;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.CancelRequestListener;

/**
 * Routes the engine's cancel requests to the runs they are meant for, and looks the
 * stored ones up when announcements may have been missed: for the worker and for the
 * inline mode alike.
 *
 * @author QTasks contributors
 */
final class RunCancelRequests implements CancelRequestListener {

	private final RunningTasks running;

	private final TaskEngine engine;

	RunCancelRequests(RunningTasks running, TaskEngine engine) {
		this.running = running;
		this.engine = engine;
	}

	@Override
	public void cancelRequested(UUID uuid, @Nullable String token, String reason) {
		this.running.cancelRequested(uuid, token, reason);
	}

	@Override
	public void requestsMayHaveBeenMissed() {
		this.running.catchUp(this.engine::storedCancelRequest);
	}

}

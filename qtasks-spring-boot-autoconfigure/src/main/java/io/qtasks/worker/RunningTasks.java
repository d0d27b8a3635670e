package io.qtasks.worker;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.qtasks.broker.CancelRequestListener;
import io.qtasks.context.TaskRun;

/**
 * The runs a worker has claimed and not finished, by uuid; routes cancel requests to
 * them.
 *
 * @author QTasks contributors
 */
public class RunningTasks implements CancelRequestListener {

	private final Map<UUID, TaskRun> runs = new ConcurrentHashMap<>();

	/**
	 * Registers a new run.
	 * @param uuid the task's uuid
	 * @return the run's control state
	 */
	public TaskRun register(UUID uuid) {
		TaskRun run = new TaskRun(uuid);
		this.runs.put(uuid, run);
		return run;
	}

	/**
	 * Forgets a finished run.
	 * @param run the run
	 */
	public void remove(TaskRun run) {
		this.runs.remove(run.uuid(), run);
	}

	@Override
	public void cancelRequested(UUID uuid, String reason) {
		TaskRun run = this.runs.get(uuid);
		if (run != null) {
			run.cancel(reason);
		}
	}

	/**
	 * Asks every run to stop because the worker shuts down.
	 */
	public void stopAll() {
		this.runs.values().forEach(TaskRun::stopForShutdown);
	}

	/**
	 * The runs in progress.
	 * @return a snapshot
	 */
	public Collection<TaskRun> snapshot() {
		return java.util.List.copyOf(this.runs.values());
	}

	/**
	 * How many runs are in progress.
	 * @return the count
	 */
	public int size() {
		return this.runs.size();
	}

}

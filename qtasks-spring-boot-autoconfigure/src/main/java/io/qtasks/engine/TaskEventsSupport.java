package io.qtasks.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.spi.CancelRequestListener;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskRecordStore;

/**
 * What the {@link TaskEvents} of every engine keep in this JVM: the waiters of finished
 * tasks and the listeners for cancel requests. An engine hands its announcements to
 * {@link #finished(Task)} and {@link #cancelRequested(UUID, String, String)}.
 *
 * @author QTasks contributors
 */
public abstract class TaskEventsSupport implements TaskEvents {

	private final TaskWaiters waiters = new TaskWaiters();

	private final List<CancelRequestListener> listeners = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		return this.waiters.register(uuid);
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public Consumer<Task> finishingHere(UUID uuid) {
		return this.waiters.finishing(uuid);
	}

	/**
	 * Wakes the waiters of a finished task.
	 * @param record the final record
	 */
	protected void finished(Task record) {
		this.waiters.finished(record);
	}

	/**
	 * Hands a cancel request to the listeners.
	 * @param uuid the task's uuid
	 * @param token the claim it is meant for, or {@code null} for whichever holds the
	 * task
	 * @param reason why
	 */
	protected void cancelRequested(UUID uuid, @Nullable String token, String reason) {
		this.listeners.forEach((listener) -> listener.cancelRequested(uuid, token, reason));
	}

	/**
	 * A hint from the engine's channel that a task finished: its record is read when
	 * anyone in this JVM waits for it.
	 * @param uuid the task's uuid
	 * @param records where the record is read
	 */
	protected void finishedHint(UUID uuid, TaskRecordStore records) {
		if (isWaitedFor(uuid)) {
			lookUp(uuid, records);
		}
	}

	/**
	 * Hints published while this node did not listen are lost: reads the record of every
	 * task waited for.
	 * @param records where the records are read
	 */
	protected void catchUpOnFinished(TaskRecordStore records) {
		waitedFor().forEach((uuid) -> lookUp(uuid, records));
	}

	/**
	 * Hands a cancel request read from the engine's channel to the listeners.
	 * @param request its {@code uuid}, {@code token} (empty or absent for whichever claim
	 * holds the task) and {@code reason}
	 */
	protected void cancelRequested(Map<?, ?> request) {
		UUID uuid = UUID.fromString(String.valueOf(request.get("uuid")));
		Object token = request.get("token");
		cancelRequested(uuid, (token instanceof String text && !text.isEmpty()) ? text : null,
				String.valueOf(request.get("reason")));
	}

	/**
	 * Tells the listeners that requests may have been missed.
	 */
	protected void requestsMayHaveBeenMissed() {
		this.listeners.forEach(CancelRequestListener::requestsMayHaveBeenMissed);
	}

	private void lookUp(UUID uuid, TaskRecordStore records) {
		records.find(uuid).map(StoredTask::record).filter(Task::isFinished).ifPresent(this::finished);
	}

	/**
	 * The tasks that anyone in this JVM waits for.
	 * @return their uuids
	 */
	protected Set<UUID> waitedFor() {
		return this.waiters.waitedFor();
	}

	/**
	 * Whether anyone in this JVM waits for a task.
	 * @param uuid the task's uuid
	 * @return the flag
	 */
	protected boolean isWaitedFor(UUID uuid) {
		return this.waiters.isWaitedFor(uuid);
	}

}

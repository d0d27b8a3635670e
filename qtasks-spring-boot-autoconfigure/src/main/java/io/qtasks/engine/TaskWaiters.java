package io.qtasks.engine;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import io.qtasks.Task;

/**
 * The futures handed out by {@link io.qtasks.engine.spi.TaskEvents#whenFinished(UUID)} in
 * this JVM, by task. A future leaves when it completes or is cancelled.
 *
 * @author QTasks contributors
 */
public final class TaskWaiters {

	private static final Consumer<Task> NOBODY = (task) -> {
	};

	private final ConcurrentMap<UUID, Set<CompletableFuture<Task>>> waiters = new ConcurrentHashMap<>();

	/**
	 * Registers a new waiter.
	 * @param uuid the task's uuid
	 * @return the future to complete when the task finishes
	 */
	public CompletableFuture<Task> register(UUID uuid) {
		CompletableFuture<Task> future = new CompletableFuture<>();
		this.waiters.computeIfAbsent(uuid, (key) -> ConcurrentHashMap.newKeySet()).add(future);
		future.whenComplete((task, failure) -> forget(uuid, future));
		return future;
	}

	/**
	 * Completes the waiters of a task registered by now, once its final record is in
	 * hand; those registered later are left alone.
	 * @param uuid the task's uuid
	 * @return completes those waiters with the final record
	 */
	public Consumer<Task> finishing(UUID uuid) {
		Set<CompletableFuture<Task>> futures = this.waiters.get(uuid);
		if (futures == null) {
			return NOBODY;
		}
		List<CompletableFuture<Task>> registered = List.copyOf(futures);
		return (task) -> registered.forEach((future) -> future.complete(task));
	}

	/**
	 * Whether anyone in this JVM waits for a task.
	 * @param uuid the task's uuid
	 * @return {@code true} when a waiter is registered
	 */
	public boolean isWaitedFor(UUID uuid) {
		return this.waiters.containsKey(uuid);
	}

	/**
	 * The tasks anyone in this JVM waits for.
	 * @return a snapshot of their uuids
	 */
	public Set<UUID> waitedFor() {
		return Set.copyOf(this.waiters.keySet());
	}

	/**
	 * Completes the waiters of a finished task.
	 * @param task the finished record
	 */
	public void finished(Task task) {
		Set<CompletableFuture<Task>> futures = this.waiters.remove(task.uuid());
		if (futures != null) {
			futures.forEach((future) -> future.complete(task));
		}
	}

	private void forget(UUID uuid, CompletableFuture<Task> future) {
		this.waiters.computeIfPresent(uuid, (key, futures) -> {
			futures.remove(future);
			return futures.isEmpty() ? null : futures;
		});
	}

}

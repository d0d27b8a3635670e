package io.qtasks.engine;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.qtasks.Task;

/**
 * The futures handed out by {@link io.qtasks.engine.spi.TaskEvents#whenFinished(UUID)} in
 * this JVM, by task. A future leaves when it completes or is cancelled.
 *
 * @author QTasks contributors
 */
public final class TaskWaiters {

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
	 * The waiters of a task registered by now.
	 * @param uuid the task's uuid
	 * @return a snapshot of their futures
	 */
	public List<CompletableFuture<Task>> registered(UUID uuid) {
		Set<CompletableFuture<Task>> futures = this.waiters.get(uuid);
		return (futures != null) ? List.copyOf(futures) : List.of();
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

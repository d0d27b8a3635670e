package io.qtasks.storage.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.storage.TaskQuery;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.TaskWaiters;

/**
 * Task records in this JVM's memory. Finished records are dropped once they are older
 * than the finished TTL (checked on every read and write).
 *
 * @author QTasks contributors
 */
public class MemoryTaskStorage implements TaskStorage {

	private final Map<UUID, Task> records = new ConcurrentHashMap<>();

	private final Map<TaskStatus, LongAdder> counts = new EnumMap<>(TaskStatus.class);

	private final TaskWaiters waiters = new TaskWaiters();

	private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();

	private final Clock clock;

	private final Duration finishedTtl;

	/**
	 * Creates an empty storage.
	 * @param clock the clock that dates expiries
	 * @param finishedTtl how long finished records are kept
	 */
	public MemoryTaskStorage(Clock clock, Duration finishedTtl) {
		this.clock = clock;
		this.finishedTtl = finishedTtl;
		for (TaskStatus status : TaskStatus.values()) {
			this.counts.put(status, new LongAdder());
		}
	}

	/**
	 * Stores a record, replacing any earlier version, and wakes the waiters of a finished
	 * one.
	 * @param task the record
	 */
	public void save(Task task) {
		this.records.compute(task.uuid(), (uuid, previous) -> {
			if (previous != null) {
				this.counts.get(previous.status()).decrement();
			}
			this.counts.get(task.status()).increment();
			return task;
		});
		if (task.isFinished()) {
			this.expiries.add(new Expiry(task.uuid(), this.clock.instant().plus(this.finishedTtl)));
			this.waiters.finished(task);
		}
		dropExpired();
	}

	/**
	 * Replaces a record atomically with a version derived from it, keeping the counts in
	 * step. A change that answers the record it was given leaves everything as it was.
	 * @param uuid the task's uuid
	 * @param change derives the new version from the current one; not called when there
	 * is no record
	 * @return the stored record afterwards, or empty when there is none
	 */
	public Optional<Task> change(UUID uuid, UnaryOperator<Task> change) {
		dropExpired();
		return Optional.ofNullable(this.records.computeIfPresent(uuid, (key, current) -> {
			Task changed = change.apply(current);
			if (changed != current) {
				this.counts.get(current.status()).decrement();
				this.counts.get(changed.status()).increment();
			}
			return changed;
		}));
	}

	@Override
	public Optional<Task> find(UUID uuid) {
		dropExpired();
		return Optional.ofNullable(this.records.get(uuid));
	}

	@Override
	public List<Task> list(TaskQuery query) {
		dropExpired();
		return this.records.values()
			.stream()
			.filter(query::matches)
			.sorted(Comparator.comparing(Task::createdAt).reversed())
			.limit(query.limit())
			.toList();
	}

	@Override
	public Map<TaskStatus, Long> countByStatus() {
		dropExpired();
		Map<TaskStatus, Long> snapshot = new EnumMap<>(TaskStatus.class);
		this.counts.forEach((status, count) -> snapshot.put(status, count.sum()));
		return snapshot;
	}

	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		CompletableFuture<Task> future = this.waiters.register(uuid);
		Task current = this.records.get(uuid);
		if (current != null && current.isFinished()) {
			future.complete(current);
		}
		return future;
	}

	private void dropExpired() {
		Instant now = this.clock.instant();
		Expiry head;
		while ((head = this.expiries.peek()) != null && !head.expiresAt().isAfter(now)) {
			if (this.expiries.remove(head)) {
				this.records.computeIfPresent(head.uuid(), (uuid, task) -> {
					if (task.isFinished() && !task.updatedAt().plus(this.finishedTtl).isAfter(now)) {
						this.counts.get(task.status()).decrement();
						return null;
					}
					return task;
				});
			}
		}
	}

	private record Expiry(UUID uuid, Instant expiresAt) {

	}

}

package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * Task records in this JVM's memory. Finished records are dropped once they are older
 * than their TTL (checked on every read and write): the failed TTL for records in
 * {@code error}, the finished TTL for the others. Unique keys are checked and taken under
 * one lock.
 *
 * @author QTasks contributors
 */
public class MemoryTaskRecordStore implements TaskRecordStore {

	private final Map<UUID, StoredTask> records = new ConcurrentHashMap<>();

	private final Map<TaskStatus, LongAdder> counts = new EnumMap<>(TaskStatus.class);

	/**
	 * The expiries of records that succeeded or were cancelled, and those of records that
	 * failed, each in the order they run out.
	 */
	private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();

	private final Queue<Expiry> failedExpiries = new ConcurrentLinkedQueue<>();

	/**
	 * The unique keys, each with the uuid of the task that took it last; whether that
	 * task still holds it is read from its record. Guarded by itself.
	 */
	private final Map<String, UUID> uniqueKeys = new HashMap<>();

	private final MemoryTaskEvents events;

	private final Clock clock;

	private final Duration finishedTtl;

	private final Duration failedTtl;

	/**
	 * Creates an empty store that keeps every finished record as long.
	 * @param events where finished records and cancel requests are announced
	 * @param clock dates expiries
	 * @param finishedTtl how long finished records are kept
	 */
	public MemoryTaskRecordStore(MemoryTaskEvents events, Clock clock, Duration finishedTtl) {
		this(events, clock, finishedTtl, finishedTtl);
	}

	/**
	 * Creates an empty store.
	 * @param events where finished records and cancel requests are announced
	 * @param clock dates expiries
	 * @param finishedTtl how long records of tasks that succeeded or were cancelled are
	 * kept
	 * @param failedTtl how long records of tasks that ended in error are kept
	 */
	public MemoryTaskRecordStore(MemoryTaskEvents events, Clock clock, Duration finishedTtl, Duration failedTtl) {
		this.events = events;
		this.clock = clock;
		this.finishedTtl = finishedTtl;
		this.failedTtl = failedTtl;
		for (TaskStatus status : TaskStatus.values()) {
			this.counts.put(status, new LongAdder());
		}
	}

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public boolean insert(Task record) {
		dropExpired();
		return store(record);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the key is checked and taken under the lock of the keys, which every insert
	 * with a key holds.
	 */
	@Override
	public UniqueOutcome insertUnique(Task record, UniqueKey key) {
		dropExpired();
		synchronized (this.uniqueKeys) {
			UUID holder = this.uniqueKeys.get(key.key());
			if (holder != null && !holder.equals(record.uuid()) && holds(holder, key.key())) {
				return UniqueOutcome.keyTaken(holder);
			}
			if (!store(record)) {
				return UniqueOutcome.DUPLICATE;
			}
			this.uniqueKeys.put(key.key(), record.uuid());
			return UniqueOutcome.STORED;
		}
	}

	private boolean store(Task record) {
		if (this.records.putIfAbsent(record.uuid(), new StoredTask(record, 1, null, null)) != null) {
			return false;
		}
		this.counts.get(record.status()).increment();
		return true;
	}

	@Override
	public Optional<StoredTask> find(UUID uuid) {
		dropExpired();
		return Optional.ofNullable(this.records.get(uuid));
	}

	@Override
	public WriteResult write(Task record, Fence fence) {
		AtomicReference<WriteResult> result = new AtomicReference<>(WriteResult.FENCED);
		AtomicReference<Task> previous = new AtomicReference<>();
		this.records.computeIfPresent(record.uuid(), (uuid, stored) -> {
			if (!fence.passes(stored)) {
				return stored;
			}
			if (fence.refuseOnCancelRequest() && stored.cancelRequest() != null) {
				result.set(WriteResult.cancelRequested(stored.cancelRequest()));
				return stored;
			}
			this.counts.get(stored.record().status()).decrement();
			this.counts.get(record.status()).increment();
			result.set(WriteResult.WRITTEN);
			previous.set(stored.record());
			return new StoredTask(record, stored.revision() + 1, fence.holderAfter(record, stored),
					record.isFinished() ? null : stored.cancelRequest());
		});
		if (result.get().written() && record.isFinished()) {
			(failed(record) ? this.failedExpiries : this.expiries)
				.add(new Expiry(record.uuid(), this.clock.instant().plus(ttl(record))));
			freeUniqueKey(record, false);
			this.events.announceFinished(record);
		}
		else if (result.get().written() && previous.get() != null && previous.get().isFinished()) {
			retakeUniqueKey(record);
		}
		dropExpired();
		return result.get();
	}

	@Override
	public CancelOutcome requestCancel(UUID uuid, String reason) {
		AtomicReference<CancelOutcome> outcome = new AtomicReference<>(CancelOutcome.NOT_FOUND);
		AtomicReference<String> holder = new AtomicReference<>();
		this.records.computeIfPresent(uuid, (key, stored) -> {
			if (stored.record().isFinished()) {
				outcome.set(CancelOutcome.ALREADY_FINISHED);
				return stored;
			}
			outcome.set(CancelOutcome.CANCEL_REQUESTED);
			holder.set(stored.holder());
			return new StoredTask(stored.record(), stored.revision(), stored.holder(), reason);
		});
		if (outcome.get() == CancelOutcome.CANCEL_REQUESTED) {
			this.events.announceCancelRequest(uuid, holder.get(), reason);
		}
		return outcome.get();
	}

	@Override
	public List<Task> list(TaskQuery query) {
		dropExpired();
		return this.records.values()
			.stream()
			.map(StoredTask::record)
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

	private void dropExpired() {
		Instant now = this.clock.instant();
		dropExpired(this.expiries, now);
		dropExpired(this.failedExpiries, now);
	}

	private static boolean failed(Task record) {
		return record.status() == TaskStatus.ERROR;
	}

	private Duration ttl(Task record) {
		return failed(record) ? this.failedTtl : this.finishedTtl;
	}

	private void dropExpired(Queue<Expiry> expiries, Instant now) {
		Expiry head;
		while ((head = expiries.peek()) != null && !head.expiresAt().isAfter(now)) {
			if (expiries.remove(head)) {
				AtomicReference<Task> dropped = new AtomicReference<>();
				this.records.computeIfPresent(head.uuid(), (uuid, stored) -> {
					Task task = stored.record();
					if (task.isFinished() && !task.updatedAt().plus(ttl(task)).isAfter(now)) {
						this.counts.get(task.status()).decrement();
						dropped.set(task);
						return null;
					}
					return stored;
				});
				if (dropped.get() != null) {
					// outside the record's lock: an insert holds the keys' lock while it
					// stores
					freeUniqueKey(dropped.get(), true);
				}
			}
		}
	}

	/**
	 * Whether a task holds a unique key: it has not finished, or finished less than the
	 * key's keep time ago. A task whose record is gone holds nothing.
	 */
	private boolean holds(UUID holder, String key) {
		StoredTask stored = this.records.get(holder);
		if (stored == null) {
			return false;
		}
		Task task = stored.record();
		UniqueKey held = TaskExtras.uniqueKey(task);
		if (held == null || !held.key().equals(key)) {
			return false;
		}
		return !task.isFinished() || (task.updatedAt() != null && held.keptAt(task.updatedAt(), this.clock.instant()));
	}

	/**
	 * Forgets a finished task's unique key when nothing keeps it: it is kept for no time,
	 * or its record is gone.
	 */
	private void freeUniqueKey(Task task, boolean gone) {
		UniqueKey key = TaskExtras.uniqueKey(task);
		if (key != null && (gone || key.keepFor().isZero())) {
			synchronized (this.uniqueKeys) {
				this.uniqueKeys.remove(key.key(), task.uuid());
			}
		}
	}

	/**
	 * Takes a requeued task's unique key again when no other task holds it.
	 */
	private void retakeUniqueKey(Task task) {
		UniqueKey key = TaskExtras.uniqueKey(task);
		if (key == null) {
			return;
		}
		synchronized (this.uniqueKeys) {
			UUID holder = this.uniqueKeys.get(key.key());
			if (holder == null || holder.equals(task.uuid()) || !holds(holder, key.key())) {
				this.uniqueKeys.put(key.key(), task.uuid());
			}
		}
	}

	private record Expiry(UUID uuid, Instant expiresAt) {

	}

}

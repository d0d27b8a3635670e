package io.qtasks.engine.memory;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.WriteResult;

/**
 * Task records in this JVM's memory. Finished records are dropped once they are older
 * than their TTL (checked on every read and write): the failed TTL for records in
 * {@code error}, the finished TTL for the others.
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
			return new StoredTask(record, stored.revision() + 1, fence.holderAfter(record, stored),
					record.isFinished() ? null : stored.cancelRequest());
		});
		if (result.get().written() && record.isFinished()) {
			(failed(record) ? this.failedExpiries : this.expiries)
				.add(new Expiry(record.uuid(), this.clock.instant().plus(ttl(record))));
			this.events.announceFinished(record);
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
				this.records.computeIfPresent(head.uuid(), (uuid, stored) -> {
					Task task = stored.record();
					if (task.isFinished() && !task.updatedAt().plus(ttl(task)).isAfter(now)) {
						this.counts.get(task.status()).decrement();
						return null;
					}
					return stored;
				});
			}
		}
	}

	private record Expiry(UUID uuid, Instant expiresAt) {

	}

}

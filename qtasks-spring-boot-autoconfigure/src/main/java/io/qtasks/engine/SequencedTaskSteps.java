package io.qtasks.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * The two-part steps of an engine done as two calls, for any pairing of a queue and a
 * record store: the record is written first, then the queue follows. A node that dies in
 * between leaves a record that says more than the queue; the task is handed out again and
 * its claim finds the record finished (it is then dropped), or it was never queued (the
 * engine's sweep queues unfinished records that no queue holds).
 *
 * @author QTasks contributors
 */
public final class SequencedTaskSteps implements TaskSteps {

	private final TaskQueue queue;

	private final TaskRecordStore records;

	/**
	 * Creates the steps over a queue and a store.
	 * @param queue the queue
	 * @param records the record store
	 */
	public SequencedTaskSteps(TaskQueue queue, TaskRecordStore records) {
		this.queue = queue;
		this.records = records;
	}

	@Override
	public boolean enqueue(Task record, @Nullable Instant dueAt) {
		if (!this.records.insert(record)) {
			return false;
		}
		this.queue.enqueue(QueueEntry.of(record, dueAt));
		return true;
	}

	@Override
	public UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		UniqueOutcome outcome = this.records.insertUnique(record, key);
		if (outcome.kind() == UniqueOutcome.Kind.STORED) {
			this.queue.enqueue(QueueEntry.of(record, dueAt));
		}
		return outcome;
	}

	@Override
	public WriteResult complete(QueueClaim claim, Task record, Fence fence) {
		WriteResult result = this.records.write(record, fence);
		if (result.written()) {
			this.queue.ack(claim);
		}
		return result;
	}

	@Override
	public WriteResult release(QueueClaim claim, Task record, Fence fence, @Nullable Instant until) {
		WriteResult result = this.records.write(record, fence);
		if (result.written()) {
			this.queue.release(claim, until);
		}
		return result;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the task leaves the queue first, so that no worker can claim it while its
	 * record is cancelled.
	 */
	@Override
	public QueuedCancel cancelQueued(UUID uuid, UnaryOperator<Task> cancelled) {
		Optional<StoredTask> current = this.records.find(uuid);
		if (current.isEmpty()) {
			return QueuedCancel.NOT_FOUND;
		}
		if (current.get().record().isFinished()) {
			return QueuedCancel.FINISHED;
		}
		if (!this.queue.remove(uuid)) {
			return QueuedCancel.NOT_QUEUED;
		}
		return RecordChanges.untilSettled(uuid, "cancelled", () -> {
			Optional<StoredTask> stored = this.records.find(uuid);
			if (stored.isEmpty()) {
				return QueuedCancel.NOT_FOUND;
			}
			if (stored.get().record().isFinished()) {
				return QueuedCancel.FINISHED;
			}
			Task record = cancelled.apply(stored.get().record());
			return this.records.write(record, Fence.revision(stored.get().revision())).written()
					? QueuedCancel.CANCELLED : null;
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the record is written first, fenced by the revision read, so that of two
	 * releases only one goes on to move the task; a node that dies before the move leaves
	 * it waiting with its released record.
	 */
	@Override
	public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		Optional<StoredTask> current = this.records.find(uuid);
		if (current.isEmpty() || current.get().record().isFinished()) {
			return false;
		}
		Task record = released.apply(current.get().record());
		if (record == null || !this.records.write(record, Fence.revision(current.get().revision())).written()) {
			return false;
		}
		if (!this.queue.remove(uuid)) {
			return false;
		}
		this.queue.enqueue(QueueEntry.of(record, null));
		return true;
	}

	@Override
	public RequeueOutcome requeue(UUID uuid, Function<Task, @Nullable Task> requeued) {
		return RecordChanges.requeue(this.records, uuid, requeued, (current, queued) -> {
			if (!this.records.write(queued, Fence.revision(current.revision())).written()) {
				return null;
			}
			this.queue.enqueue(QueueEntry.of(queued, null));
			return RequeueOutcome.REQUEUED;
		});
	}

}

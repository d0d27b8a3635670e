package io.qtasks.engine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.engine.RecordChanges;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * The two-part steps of the Redis engine, each one Lua script: the queue and the records
 * of a task live in one hash, so a step changes both atomically. Cancel and requeue read
 * the record first, build the new one with the given function, and write it only when the
 * record is still the one read (else they read again).
 *
 * @author QTasks contributors
 */
public class RedisTaskSteps implements TaskSteps {

	private static final RedisScript<String> ENQUEUE = load("enqueue.lua", String.class);

	private static final RedisScript<List> COMPLETE = load("complete.lua", List.class);

	private static final RedisScript<List> RELEASE = load("release.lua", List.class);

	private static final RedisScript<String> CANCEL_QUEUED = load("cancel-queued.lua", String.class);

	private static final RedisScript<String> REQUEUE = load("requeue.lua", String.class);

	private static final RedisScript<List> ENQUEUE_ALL = load("enqueue-all.lua", List.class);

	private static final RedisScript<String> RELEASE_WAITING = load("release-waiting.lua", String.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final RedisEngineSettings settings;

	private final RedisTaskRecordStore records;

	private final RedisTaskQueue queue;

	private final RedisCompletions completions;

	/**
	 * Creates the steps.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec writes records
	 * @param settings how long finished records are kept
	 * @param records the engine's record store, for the reads before a change
	 * @param queue the engine's queue, for due times
	 */
	public RedisTaskSteps(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec, RedisEngineSettings settings,
			RedisTaskRecordStore records, RedisTaskQueue queue) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.settings = settings;
		this.records = records;
		this.queue = queue;
		this.completions = new RedisCompletions(redis, keys, codec, settings, queue);
	}

	@Override
	public boolean enqueue(Task record, @Nullable Instant dueAt) {
		return enqueue(record, dueAt, null).kind() == UniqueOutcome.Kind.STORED;
	}

	@Override
	public UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		return enqueue(record, dueAt, key);
	}

	private UniqueOutcome enqueue(Task record, @Nullable Instant dueAt, @Nullable UniqueKey key) {
		String outcome = this.redis.execute(ENQUEUE,
				List.of(this.keys.task(record.uuid()), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
						this.keys.index(), this.keys.counts(), this.keys.idleReceivers()),
				record.uuid().toString(), this.codec.write(record), record.taskName(),
				String.valueOf(record.priority()), RedisTaskRecordStore.createdAtMillis(record),
				this.queue.delayMillis(dueAt), this.keys.wakeChannel(), this.keys.prefix(), QueueEntry.queueOf(record),
				Objects.requireNonNullElse(QueueEntry.limitKeyOf(record), ""), (key != null) ? key.key() : "",
				(key != null) ? String.valueOf(key.keepFor().toMillis()) : "0");
		return RedisTaskRecordStore.uniqueOutcome(outcome);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the whole batch is one script call: one round trip.
	 */
	@Override
	public List<Boolean> enqueueAll(List<NewTask> tasks) {
		if (tasks.isEmpty()) {
			return List.of();
		}
		List<String> args = new ArrayList<>(2 + tasks.size() * 8);
		args.add(this.keys.prefix());
		args.add(this.keys.wakeChannel());
		for (NewTask task : tasks) {
			Task record = task.record();
			args.add(record.uuid().toString());
			args.add(this.codec.write(record));
			args.add(record.taskName());
			args.add(String.valueOf(record.priority()));
			args.add(RedisTaskRecordStore.createdAtMillis(record));
			args.add(this.queue.delayMillis(task.dueAt()));
			args.add(QueueEntry.queueOf(record));
			args.add(Objects.requireNonNullElse(QueueEntry.limitKeyOf(record), ""));
		}
		List<?> stored = this.redis.execute(ENQUEUE_ALL, List.of(this.keys.names(), this.keys.waiting(),
				this.keys.sequence(), this.keys.index(), this.keys.counts(), this.keys.idleReceivers()),
				args.toArray());
		List<Boolean> answers = new ArrayList<>(tasks.size());
		for (Object answer : stored) {
			answers.add(Long.valueOf(1).equals(answer));
		}
		return answers;
	}

	@Override
	public WriteResult complete(QueueClaim claim, Task record, Fence fence) {
		return RedisTaskRecordStore.result(this.redis.execute(COMPLETE,
				List.of(this.keys.task(claim.uuid()), this.keys.counts(), this.keys.inflight()), this.keys.prefix(),
				claim.uuid().toString(), this.codec.write(record), record.status().value(),
				RedisTaskRecordStore.token(fence), String.valueOf(fence.revision()),
				String.valueOf(this.settings.ttl(record.status()).toMillis()), this.keys.finishedChannel()));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the completions and the claim are one script call when the queue is this
	 * engine's: one round trip.
	 */
	@Override
	public CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next, TaskQueue queue)
			throws InterruptedException {
		if (queue != this.queue) {
			return TaskSteps.super.completeAndClaim(completions, next, queue);
		}
		return this.completions.completeAndClaim(completions, next);
	}

	@Override
	public WriteResult release(QueueClaim claim, Task record, Fence fence, @Nullable Instant until) {
		return RedisTaskRecordStore.result(this.redis.execute(RELEASE,
				List.of(this.keys.task(claim.uuid()), this.keys.counts(), this.keys.inflight(), this.keys.names(),
						this.keys.waiting(), this.keys.sequence(), this.keys.idleReceivers()),
				this.keys.prefix(), claim.uuid().toString(), this.codec.write(record), record.status().value(),
				claim.token(), String.valueOf(fence.revision()), this.queue.delayMillis(until),
				this.keys.wakeChannel()));
	}

	@Override
	public QueuedCancel cancelQueued(UUID uuid, UnaryOperator<Task> cancelled) {
		return RecordChanges.untilSettled(uuid, "cancelled", () -> {
			Optional<StoredTask> current = this.records.find(uuid);
			if (current.isEmpty()) {
				return QueuedCancel.NOT_FOUND;
			}
			StoredTask stored = current.get();
			String outcome = this.redis.execute(CANCEL_QUEUED,
					List.of(this.keys.task(uuid), this.keys.names(), this.keys.waiting(), this.keys.counts()),
					this.keys.prefix(), uuid.toString(), String.valueOf(stored.revision()),
					this.codec.write(cancelled.apply(stored.record())), finishedTtl(), this.keys.finishedChannel());
			return switch (String.valueOf(outcome)) {
				case "cancelled" -> QueuedCancel.CANCELLED;
				case "not_queued" -> QueuedCancel.NOT_QUEUED;
				case "finished" -> QueuedCancel.FINISHED;
				case "not_found" -> QueuedCancel.NOT_FOUND;
				default -> null;
			};
		});
	}

	@Override
	public RequeueOutcome requeue(UUID uuid, Function<Task, @Nullable Task> requeued) {
		return RecordChanges.requeue(this.records, uuid, requeued, (current, queued) -> {
			String outcome = this.redis.execute(REQUEUE,
					List.of(this.keys.task(uuid), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
							this.keys.counts(), this.keys.idleReceivers()),
					this.keys.prefix(), uuid.toString(), String.valueOf(current.revision()), this.codec.write(queued),
					queued.taskName(), this.keys.wakeChannel());
			return switch (String.valueOf(outcome)) {
				case "requeued" -> RequeueOutcome.REQUEUED;
				case "not_requeueable" -> RequeueOutcome.NOT_REQUEUEABLE;
				case "not_found" -> RequeueOutcome.NOT_FOUND;
				default -> null;
			};
		});
	}

	@Override
	public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		Boolean outcome = RecordChanges.untilSettled(uuid, "released", () -> {
			Optional<StoredTask> current = this.records.find(uuid);
			if (current.isEmpty()) {
				return false;
			}
			Task record = released.apply(current.get().record());
			if (record == null) {
				return false;
			}
			String answer = this.redis.execute(RELEASE_WAITING,
					List.of(this.keys.task(uuid), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
							this.keys.counts(), this.keys.idleReceivers()),
					this.keys.prefix(), uuid.toString(), String.valueOf(current.get().revision()),
					this.codec.write(record), record.taskName(), this.keys.wakeChannel());
			return switch (String.valueOf(answer)) {
				case "released" -> true;
				case "not_waiting", "not_found" -> false;
				default -> null;
			};
		});
		return Boolean.TRUE.equals(outcome);
	}

	private String finishedTtl() {
		return String.valueOf(this.settings.finishedTtl().toMillis());
	}

	private static <T> RedisScript<T> load(String name, Class<T> resultType) {
		return RedisScripts.load(RedisTaskSteps.class, name, resultType);
	}

}

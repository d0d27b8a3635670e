package io.qtasks.broker.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.storage.redis.RedisKeys;
import io.qtasks.storage.redis.RedisScripts;

/**
 * The broker's atomic steps, each one Lua script over the application's keys.
 * <p>
 * Lettuce abandons a command whose caller is interrupted although Redis still runs it,
 * which would lose a claim or the knowledge that a write was made. Task threads make
 * their writes shielded from the interrupts of cancel, timeout and shutdown (see
 * {@code TaskRun#shielded}). A claim made by a receiver that waits for work, which the
 * worker interrupts to stop it, is handed to a helper thread and waited for; the caller's
 * interrupt is kept for afterwards.
 *
 * @author QTasks contributors
 */
final class RedisTaskScripts implements AutoCloseable {

	private static final RedisScript<Long> ENQUEUE = load("enqueue.lua", Long.class);

	private static final RedisScript<List> CLAIM = load("claim.lua", List.class);

	private static final RedisScript<Long> UPDATE = load("update.lua", Long.class);

	private static final RedisScript<Long> COMPLETE = load("complete.lua", Long.class);

	private static final RedisScript<Long> RELEASE = load("release.lua", Long.class);

	private static final RedisScript<List> EXTEND = load("extend.lua", List.class);

	private static final RedisScript<List> REQUEUE = load("requeue.lua", List.class);

	private static final RedisScript<Long> EXPIRE = load("expire.lua", Long.class);

	private static final RedisScript<String> CANCEL = load("cancel.lua", String.class);

	private static final RedisScript<String> REQUEUE_FINISHED = load("requeue-finished.lua", String.class);

	private static final RedisScript<List> PENDING_BY_PRIORITY = load("pending-by-priority.lua", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ExecutorService helper = Executors.newCachedThreadPool(daemonThreads());

	RedisTaskScripts(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	boolean enqueue(Task task, String record, Instant createdAt) {
		Long stored = this.redis.execute(ENQUEUE,
				List.of(this.keys.task(task.uuid()), this.keys.pending(), this.keys.index(), this.keys.counts(),
						this.keys.sequence(), this.keys.idleReceivers()),
				this.keys.prefix(), task.uuid().toString(), record, task.taskName(), String.valueOf(task.priority()),
				String.valueOf(createdAt.toEpochMilli()), this.keys.wakeChannel());
		return stored != null && stored == 1;
	}

	/**
	 * Claims queued tasks.
	 * @param max the most tasks to claim
	 * @param lease the lease of each claim
	 * @param receiver the id of the receiver that claims
	 * @param idleWait how long the receiver waits for a wake-up when it finds nothing;
	 * zero when it does not wait, which also lets the call run on the caller's thread
	 * @return the claims
	 */
	List<Claim> claim(int max, Duration lease, String receiver, Duration idleWait) {
		Supplier<List<?>> call = () -> this.redis.execute(CLAIM,
				List.of(this.keys.pending(), this.keys.inflight(), this.keys.deadLetters(), this.keys.idleReceivers()),
				this.keys.prefix(), String.valueOf(max), String.valueOf(lease.toMillis()), receiver,
				String.valueOf(idleWait.toMillis()));
		List<?> reply = idleWait.isZero() ? call.get() : uninterruptibly(call::get);
		List<Claim> claims = new ArrayList<>(reply.size() / 6);
		for (int i = 0; i + 5 < reply.size(); i += 6) {
			claims.add(new Claim("task".equals(reply.get(i)), (String) reply.get(i + 1), (String) reply.get(i + 2),
					(String) reply.get(i + 3), (String) reply.get(i + 4), (String) reply.get(i + 5)));
		}
		return claims;
	}

	boolean update(UUID uuid, String token, String record, TaskStatus status) {
		return succeeded(this.redis.execute(UPDATE, List.of(this.keys.task(uuid), this.keys.counts()), token, record,
				status.value()));
	}

	boolean complete(UUID uuid, String token, String record, TaskStatus status, Duration finishedTtl) {
		return succeeded(
				this.redis.execute(COMPLETE, List.of(this.keys.task(uuid), this.keys.counts(), this.keys.inflight()),
						this.keys.prefix(), token, uuid.toString(), record, status.value(),
						String.valueOf(finishedTtl.toMillis()), this.keys.finishedChannel()));
	}

	boolean release(UUID uuid, String token, String record) {
		return succeeded(this.redis.execute(RELEASE,
				List.of(this.keys.task(uuid), this.keys.counts(), this.keys.inflight(), this.keys.pending()), token,
				uuid.toString(), record, this.keys.wakeChannel()));
	}

	/**
	 * Extends the leases of claims.
	 * @return the claims that are over: {@code true} for those lost to the queue or
	 * another claim, {@code false} for those whose task is finished
	 */
	Map<UUID, Boolean> extend(Map<UUID, String> claims, Duration lease) {
		List<String> args = new ArrayList<>(2 + claims.size() * 2);
		args.add(this.keys.prefix());
		args.add(String.valueOf(lease.toMillis()));
		claims.forEach((uuid, token) -> {
			args.add(uuid.toString());
			args.add(token);
		});
		List<?> over = this.redis.execute(EXTEND, List.of(this.keys.inflight()), args.toArray());
		Map<UUID, Boolean> ended = new LinkedHashMap<>();
		for (int i = 0; i + 1 < over.size(); i += 2) {
			ended.put(UUID.fromString((String) over.get(i)), "lost".equals(over.get(i + 1)));
		}
		return ended;
	}

	List<String> requeueExpired(int limit) {
		List<?> requeued = this.redis.execute(REQUEUE,
				List.of(this.keys.inflight(), this.keys.pending(), this.keys.counts()), this.keys.prefix(),
				String.valueOf(limit), this.keys.wakeChannel());
		return requeued.stream().map(String.class::cast).toList();
	}

	long expireFinished(int limit) {
		Long expired = this.redis.execute(EXPIRE, List.of(this.keys.counts(), this.keys.index()), this.keys.prefix(),
				String.valueOf(limit));
		return (expired != null) ? expired : 0;
	}

	String cancel(UUID uuid, String revision, String cancelledRecord, String reason, Duration finishedTtl,
			String cancelMessage) {
		return this.redis.execute(CANCEL, List.of(this.keys.task(uuid), this.keys.pending(), this.keys.counts()),
				this.keys.prefix(), uuid.toString(), revision, cancelledRecord, reason,
				String.valueOf(finishedTtl.toMillis()), this.keys.finishedChannel(), this.keys.cancelChannel(),
				cancelMessage);
	}

	String requeueFinished(UUID uuid, String revision, String queuedRecord) {
		return this.redis.execute(REQUEUE_FINISHED,
				List.of(this.keys.task(uuid), this.keys.pending(), this.keys.counts(), this.keys.sequence()),
				this.keys.prefix(), uuid.toString(), revision, queuedRecord, this.keys.wakeChannel());
	}

	List<?> pendingByPriority(int maxPriorities) {
		return this.redis.execute(PENDING_BY_PRIORITY, List.of(this.keys.pending()), String.valueOf(maxPriorities));
	}

	@Override
	public void close() {
		this.helper.shutdown();
	}

	private <T> T uninterruptibly(Callable<T> call) {
		Future<T> result = this.helper.submit(call);
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static boolean succeeded(Long result) {
		return result != null && result == 1;
	}

	private static <T> RedisScript<T> load(String name, Class<T> resultType) {
		return RedisScripts.load(RedisTaskScripts.class, name, resultType);
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory factory = new CustomizableThreadFactory("qtasks-redis-call-");
		factory.setDaemon(true);
		return factory;
	}

	/**
	 * One entry taken from the queue.
	 *
	 * @param valid whether it names a queued task (else it went to the dead letters)
	 * @param uuidOrEntry the task's uuid, or the invalid entry
	 * @param tokenOrReason the claim's fencing token, or why the entry is invalid
	 * @param record the task's JSON record
	 * @param status the task's status field
	 * @param cancelRequest the reason of a cancel requested for the task, or empty
	 */
	record Claim(boolean valid, String uuidOrEntry, String tokenOrReason, String record, String status,
			String cancelRequest) {

	}

}

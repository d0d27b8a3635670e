package io.qtasks.engine.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.engine.WakeSignal;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQueue;

/**
 * A queue on Redis, shared by every node of the application: due tasks in a sorted set
 * ordered by priority (lower first, first in first out within a priority), waiting tasks
 * in a sorted set scored by due time (the claim moves those that are due to the back of
 * their priority atomically), and claims with leases and random fencing tokens.
 * <p>
 * A receiver that finds nothing waits for a wake-up that queueing a task publishes while
 * a receiver waits, or for the next waiting task to become due, without polling. When the
 * records live in the same hashes ({@link RedisTaskRecordStore}), a claim also marks the
 * record as held and reads it, so that the worker needs no second round trip. Its counts
 * ({@link RedisQueueCounts}) report at most the 100 lowest priorities that have queued
 * tasks, and the latest 1,000 dead letters.
 *
 * @author QTasks contributors
 */
public class RedisTaskQueue implements TaskQueue, DisposableBean {

	private static final RedisScript<Long> ENQUEUE = load("queue-enqueue.lua", Long.class);

	private static final RedisScript<List> CLAIM = load("claim.lua", List.class);

	private static final RedisScript<List> EXTEND = load("extend.lua", List.class);

	private static final RedisScript<Long> ACK = load("ack.lua", Long.class);

	private static final RedisScript<Long> RELEASE = load("queue-release.lua", Long.class);

	private static final RedisScript<Long> REMOVE = load("remove.lua", Long.class);

	/**
	 * How much longer than its wait a receiver stays listed as idle, so that the list
	 * never lapses while it still waits.
	 */
	private static final Duration IDLE_MARGIN = Duration.ofSeconds(1);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final RedisEngineSettings settings;

	private final boolean withRecords;

	private final WakeSignal wake = new WakeSignal();

	private final RedisCalls calls;

	private final RedisQueueCounts counts;

	/**
	 * Names this queue's waiting receiver in the idle list that decides whether queueing
	 * a task publishes a wake-up.
	 */
	private final String receiverId = UUID.randomUUID().toString();

	/**
	 * Creates a queue; {@link #subscribe(RedisSubscriptions)} before use.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec reads records that claims return
	 * @param settings the lease and heartbeat
	 * @param withRecords whether the records live in the same hashes
	 * ({@link RedisTaskRecordStore} with the same keys)
	 */
	public RedisTaskQueue(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec, RedisEngineSettings settings,
			boolean withRecords) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.settings = settings;
		this.withRecords = withRecords;
		this.counts = new RedisQueueCounts(redis, keys, codec);
		this.calls = new RedisCalls(redis);
	}

	/**
	 * Listens for wake-ups. After a reconnect, what was published meanwhile is lost, so a
	 * waiting receiver looks at Redis again.
	 * @param subscriptions the engine's subscriptions
	 */
	public void subscribe(RedisSubscriptions subscriptions) {
		subscriptions.subscribeSignal(this.keys.wakeChannel(), (message) -> this.wake.signal(), this.wake::signal);
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public void enqueue(QueueEntry entry) {
		this.redis.execute(ENQUEUE,
				List.of(this.keys.task(entry.uuid()), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
						this.keys.idleReceivers()),
				this.keys.prefix(), entry.uuid().toString(), entry.taskName(), String.valueOf(entry.priority()),
				delayMillis(entry.dueAt()), this.keys.wakeChannel(), entry.queue(),
				Objects.requireNonNullElse(entry.limitKey(), ""));
	}

	@Override
	public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
		long deadline = System.nanoTime() + request.timeout().toNanos();
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			long seen = this.wake.generation();
			long remaining = deadline - System.nanoTime();
			Duration idleWait = (remaining > 0) ? Duration.ofNanos(remaining).plus(IDLE_MARGIN) : Duration.ZERO;
			List<?> reply = claimOnce(request, idleWait);
			List<QueueClaim> claims = claims(reply);
			if (!claims.isEmpty()) {
				return claims;
			}
			if (RedisClaimReply.isEmpty(reply)) {
				long untilDue = RedisClaimReply.untilNextDue(reply);
				remaining = deadline - System.nanoTime();
				long wait = (untilDue >= 0) ? Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(untilDue + 1))
						: remaining;
				if (remaining <= 0 || (!this.wake.await(seen, wait, TimeUnit.NANOSECONDS) && wait == remaining)) {
					return List.of();
				}
			}
		}
	}

	@Override
	public Optional<Duration> renewalInterval() {
		return Optional.of(this.settings.heartbeatInterval());
	}

	@Override
	public Set<String> extend(Collection<QueueClaim> claims) {
		if (claims.isEmpty()) {
			return Set.of();
		}
		List<String> args = new ArrayList<>(2 + claims.size() * 2);
		args.add(this.keys.prefix());
		args.add(String.valueOf(this.settings.lease().toMillis()));
		for (QueueClaim claim : claims) {
			args.add(claim.uuid().toString());
			args.add(claim.token());
		}
		List<?> over = this.redis.execute(EXTEND, List.of(this.keys.inflight()), args.toArray());
		Set<String> lost = new HashSet<>();
		over.forEach((token) -> lost.add(String.valueOf(token)));
		return lost;
	}

	@Override
	public boolean ack(QueueClaim claim) {
		return succeeded(this.redis.execute(ACK, List.of(this.keys.task(claim.uuid()), this.keys.inflight()),
				this.keys.prefix(), claim.uuid().toString(), claim.token()));
	}

	@Override
	public boolean release(QueueClaim claim, @Nullable Instant until) {
		return succeeded(this.redis.execute(RELEASE,
				List.of(this.keys.task(claim.uuid()), this.keys.inflight(), this.keys.names(), this.keys.waiting(),
						this.keys.sequence(), this.keys.idleReceivers()),
				this.keys.prefix(), claim.uuid().toString(), claim.token(), delayMillis(until),
				this.keys.wakeChannel()));
	}

	@Override
	public boolean remove(UUID uuid) {
		return succeeded(
				this.redis.execute(REMOVE, List.of(this.keys.task(uuid), this.keys.names(), this.keys.waiting()),
						this.keys.prefix(), uuid.toString()));
	}

	@Override
	public long pendingCount() {
		return this.counts.pendingCount();
	}

	@Override
	public long waitingCount() {
		return this.counts.waitingCount();
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.counts.pendingCountByPriority();
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		return this.counts.pendingCountByTaskName();
	}

	@Override
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return this.counts.flowStats(limits);
	}

	@Override
	public List<DeadLetter> deadLetters(int max) {
		return this.counts.deadLetters(max);
	}

	@Override
	public void destroy() {
		this.calls.close();
	}

	/**
	 * The delay a script waits a task for, from the server's now: clock skew between
	 * nodes and Redis shifts no due time. Rounded up, one millisecond more for the
	 * server's clock read in whole milliseconds, so that a task is never due before its
	 * instant.
	 */
	String delayMillis(@Nullable Instant until) {
		if (until == null) {
			return "0";
		}
		long nanos = Duration.between(Instant.now(), until).toNanos();
		return (nanos > 0) ? String.valueOf((nanos + 999_999) / 1_000_000 + 1) : "0";
	}

	/**
	 * Claims once. A claim by a receiver that will wait is made so that an interrupt
	 * cannot cut it short ({@link RedisCalls}), since the worker interrupts a waiting
	 * receiver to stop it and Lettuce would abandon the command while Redis still runs
	 * it, losing the claim.
	 */
	private List<?> claimOnce(ClaimRequest request, Duration idleWait) {
		List<String> args = claimArguments(request, idleWait);
		if (idleWait.isZero()) {
			return this.redis.execute(CLAIM, claimKeys(), args.toArray());
		}
		return this.calls.evalList(CLAIM, claimKeys(), args);
	}

	/** The keys of {@code claim.lua}. */
	List<String> claimKeys() {
		return List.of(this.keys.names(), this.keys.inflight(), this.keys.deadLetters(), this.keys.idleReceivers(),
				this.keys.waiting(), this.keys.sequence());
	}

	/**
	 * The arguments of {@code claim.lua}, with a fresh token base.
	 */
	List<String> claimArguments(ClaimRequest request, Duration idleWait) {
		return RedisClaimArguments.of(this.keys, this.settings.lease(), this.receiverId, this.withRecords, request,
				idleWait);
	}

	/** The claims of a reply of {@code claim.lua}. */
	List<QueueClaim> claims(List<?> reply) {
		return RedisClaimReply.claims(reply, this.codec, this.keys);
	}

	private static boolean succeeded(@Nullable Long result) {
		return result != null && result == 1;
	}

	private static <T> RedisScript<T> load(String name, Class<T> resultType) {
		return RedisScripts.load(RedisTaskQueue.class, name, resultType);
	}

}

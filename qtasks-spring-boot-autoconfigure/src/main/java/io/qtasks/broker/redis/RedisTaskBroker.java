package io.qtasks.broker.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.broker.CancelRequestListener;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.TaskRequeue;
import io.qtasks.storage.redis.RedisKeys;
import io.qtasks.storage.redis.RedisSubscriptions;
import io.qtasks.storage.redis.RedisTaskCodec;
import io.qtasks.storage.redis.UnreadableRecordException;

/**
 * A broker on Redis, shared by every node of the application: a queue ordered by priority
 * (lower first, first in first out within a priority), claims with leases and fencing
 * tokens, and pub/sub for wake-ups and cancel requests. See {@code docs/redis.md}.
 * <p>
 * While started, each node extends the leases of the tasks it holds every heartbeat
 * interval, and every reaper interval it returns tasks whose lease expired to the queue
 * (their node is gone or stuck) and forgets finished records past their TTL. On stop it
 * hands the tasks it still holds back to the queue.
 *
 * @author QTasks contributors
 */
public class RedisTaskBroker implements TaskBroker, SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskBroker.class);

	private static final int MAINTENANCE_BATCH = 100;

	private static final int CHANGE_ATTEMPTS = 10;

	private static final int MAX_REPORTED_PRIORITIES = 100;

	private static final Duration MAINTENANCE_STOP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How much longer than its wait a receiver stays listed as idle, so that the list
	 * never lapses while it still waits.
	 */
	private static final Duration IDLE_MARGIN = Duration.ofSeconds(1);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final RedisTaskScripts scripts;

	private final Timing timing;

	private final Clock clock;

	private final WakeSignal wake = new WakeSignal();

	private final Map<UUID, RedisTaskDelivery> held = new ConcurrentHashMap<>();

	private final HeardCancelRequests heardCancelRequests = new HeardCancelRequests();

	/**
	 * Names this broker's waiting receiver in the idle list that decides whether queueing
	 * a task publishes a wake-up.
	 */
	private final String receiverId = UUID.randomUUID().toString();

	private final List<CancelRequestListener> cancelListeners = new CopyOnWriteArrayList<>();

	private final Object lifecycleMonitor = new Object();

	private ScheduledExecutorService maintenance;

	/**
	 * Creates a broker.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec reads and writes records
	 * @param subscriptions delivers wake-ups and cancel requests
	 * @param timing the lease and maintenance settings
	 * @param clock dates record changes
	 */
	public RedisTaskBroker(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec,
			RedisSubscriptions subscriptions, Timing timing, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.scripts = new RedisTaskScripts(redis, keys);
		this.timing = timing;
		this.clock = clock;
		// after a reconnect, what was published meanwhile is lost: look at Redis instead
		subscriptions.subscribe(keys.wakeChannel(), (message) -> this.wake.signal(), this.wake::signal);
		subscriptions.subscribe(keys.cancelChannel(), this::cancelRequested, this::catchUpOnCancelRequests);
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public void enqueue(Task task) {
		Instant createdAt = (task.createdAt() != null) ? task.createdAt() : this.clock.instant();
		if (!this.scripts.enqueue(task, this.codec.write(task), createdAt)) {
			throw new IllegalStateException("A task with uuid " + task.uuid() + " already exists");
		}
	}

	@Override
	public List<TaskDelivery> receive(int max, Duration timeout) throws InterruptedException {
		Assert.isTrue(max > 0, "max must be positive");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			long seen = this.wake.generation();
			long remaining = deadline - System.nanoTime();
			Duration idleWait = (remaining > 0) ? Duration.ofNanos(remaining).plus(IDLE_MARGIN) : Duration.ZERO;
			List<RedisTaskScripts.Claim> claims = this.scripts.claim(max, this.timing.lease(), this.receiverId,
					idleWait);
			List<TaskDelivery> deliveries = deliveries(claims);
			if (!deliveries.isEmpty()) {
				return deliveries;
			}
			if (claims.isEmpty()) {
				remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !this.wake.await(seen, remaining, TimeUnit.NANOSECONDS)) {
					return List.of();
				}
			}
		}
	}

	@Override
	public CancelOutcome cancel(UUID uuid, String reason) {
		return whileTheRecordChanges(uuid, "cancelled", () -> {
			List<Object> fields = this.redis.opsForHash()
				.multiGet(this.keys.task(uuid), List.of("record", "status", "rev", "name"));
			if (fields.get(0) == null) {
				return CancelOutcome.NOT_FOUND;
			}
			Task current = readForCancel(uuid, fields);
			if (current.isFinished()) {
				return CancelOutcome.ALREADY_FINISHED;
			}
			Task cancelled = current.toBuilder()
				.status(TaskStatus.CANCEL)
				.cancelReason(reason)
				.updatedAt(this.clock.instant())
				.build();
			String message = this.codec.writeValue(Map.of("uuid", uuid.toString(), "reason", reason));
			String outcome = this.scripts.cancel(uuid, Objects.toString(fields.get(2), ""), this.codec.write(cancelled),
					reason, this.timing.finishedTtl(), message);
			return switch (outcome) {
				case "cancelled" -> CancelOutcome.CANCELLED;
				case "cancel_requested" -> CancelOutcome.CANCEL_REQUESTED;
				case "already_finished" -> CancelOutcome.ALREADY_FINISHED;
				case "not_found" -> CancelOutcome.NOT_FOUND;
				default -> null;
			};
		});
	}

	@Override
	public RequeueOutcome requeue(UUID uuid) {
		return whileTheRecordChanges(uuid, "requeued", () -> {
			List<Object> fields = this.redis.opsForHash()
				.multiGet(this.keys.task(uuid), List.of("record", "status", "rev"));
			if (fields.get(0) == null) {
				return RequeueOutcome.NOT_FOUND;
			}
			Task current = this.codec.read(uuid, (String) fields.get(0), (String) fields.get(1));
			if (!TaskRequeue.isRequeueable(current)) {
				return RequeueOutcome.NOT_REQUEUEABLE;
			}
			Task queued = TaskRequeue.queuedAgain(current, this.clock.instant());
			String outcome = this.scripts.requeueFinished(uuid, Objects.toString(fields.get(2), ""),
					this.codec.write(queued));
			return switch (outcome) {
				case "requeued" -> RequeueOutcome.REQUEUED;
				case "not_requeueable" -> RequeueOutcome.NOT_REQUEUEABLE;
				case "not_found" -> RequeueOutcome.NOT_FOUND;
				default -> null;
			};
		});
	}

	/**
	 * Runs a read-then-script change of a record until the script finds the record as it
	 * was read (its answer is {@code null} when the record changed in between).
	 */
	private <T> T whileTheRecordChanges(UUID uuid, String action, Supplier<T> change) {
		for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
			T outcome = change.get();
			if (outcome != null) {
				return outcome;
			}
		}
		throw new IllegalStateException("Task " + uuid + " kept changing while it was being " + action);
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.cancelListeners.add(listener);
	}

	@Override
	public Optional<String> cancelRequest(UUID uuid) {
		// a task this node claimed learned of an earlier request with its claim and hears
		// of later ones: no round trip when a run starts
		return this.held.containsKey(uuid) ? this.heardCancelRequests.get(uuid) : storedCancelRequest(uuid);
	}

	private Optional<String> storedCancelRequest(UUID uuid) {
		return Optional.ofNullable(this.redis.<String, String>opsForHash().get(this.keys.task(uuid), "cancel"));
	}

	@Override
	public long pendingCount() {
		Long count = this.redis.opsForZSet().zCard(this.keys.pending());
		return (count != null) ? count : 0;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Reports at most the 100 lowest priorities that have queued tasks.
	 */
	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		List<?> pairs = this.scripts.pendingByPriority(MAX_REPORTED_PRIORITIES);
		SortedMap<Integer, Long> counts = new TreeMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			counts.put((int) Double.parseDouble(String.valueOf(pairs.get(i))),
					Long.parseLong(String.valueOf(pairs.get(i + 1))));
		}
		return counts;
	}

	/**
	 * Extends the leases of the tasks this node holds, and forgets the ones whose claim
	 * was lost. Runs every heartbeat interval while started.
	 */
	public void extendLeases() {
		if (this.held.isEmpty()) {
			return;
		}
		Map<UUID, String> claims = new LinkedHashMap<>();
		this.held.values().forEach((delivery) -> claims.put(delivery.uuid(), delivery.token()));
		this.scripts.extend(claims, this.timing.lease()).forEach((uuid, lost) -> {
			RedisTaskDelivery delivery = this.held.get(uuid);
			if (delivery == null || !delivery.token().equals(claims.get(uuid)) || !forget(delivery)) {
				return;
			}
			// a claim that ended because its task finished is no news: usually this node
			// completed it while the heartbeat was under way
			if (lost) {
				logger.warn(
						"The lease of task {} ({}) on this node expired and the task went back to the queue; what"
								+ " this node's run records from now on is discarded",
						uuid, delivery.task().taskName());
			}
		});
	}

	/**
	 * Returns tasks whose lease expired to the queue, at their old place. Runs every
	 * reaper interval while started; safe to run on any number of nodes at once.
	 * @return the uuids of the tasks put back
	 */
	public List<UUID> requeueExpiredLeases() {
		List<UUID> requeued = new ArrayList<>();
		List<String> batch;
		do {
			batch = this.scripts.requeueExpired(MAINTENANCE_BATCH);
			batch.forEach((uuid) -> requeued.add(UUID.fromString(uuid)));
		}
		while (batch.size() == MAINTENANCE_BATCH);
		if (!requeued.isEmpty()) {
			logger.warn("The lease of {} task(s) expired without a heartbeat from their node; they are queued again:"
					+ " {}", requeued.size(), requeued);
		}
		return requeued;
	}

	/**
	 * Forgets finished records past their TTL: removes them from the listing and the
	 * counts (Redis itself expires the records). Runs every reaper interval while
	 * started.
	 * @return how many records were forgotten
	 */
	public long expireFinishedRecords() {
		long expired = 0;
		long batch;
		do {
			batch = this.scripts.expireFinished(MAINTENANCE_BATCH);
			expired += batch;
		}
		while (batch >= MAINTENANCE_BATCH);
		return expired;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.maintenance != null) {
				return;
			}
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-redis-maintenance-");
			threads.setDaemon(true);
			this.maintenance = Executors.newSingleThreadScheduledExecutor(threads);
			long heartbeat = this.timing.heartbeatInterval().toMillis();
			long reaper = this.timing.reaperInterval().toMillis();
			this.maintenance.scheduleWithFixedDelay(() -> guarded("extend leases", this::extendLeases), heartbeat,
					heartbeat, TimeUnit.MILLISECONDS);
			this.maintenance.scheduleWithFixedDelay(() -> guarded("requeue expired leases", () -> {
				requeueExpiredLeases();
				expireFinishedRecords();
			}), 0, reaper, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.maintenance == null) {
				return;
			}
			this.maintenance.shutdown();
			awaitMaintenance(this.maintenance);
			this.maintenance = null;
			if (!this.held.isEmpty()) {
				logger.warn("Handing {} unfinished task(s) of this node back to the queue: {}", this.held.size(),
						this.held.keySet());
				this.held.values().forEach((delivery) -> guarded("release task " + delivery.uuid(), delivery::release));
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.maintenance != null;
		}
	}

	@Override
	public int getPhase() {
		return RedisSubscriptions.PHASE;
	}

	@Override
	public void destroy() {
		stop();
		this.scripts.close();
	}

	boolean update(RedisTaskDelivery delivery, Task record) {
		return this.scripts.update(delivery.uuid(), delivery.token(), this.codec.write(record), record.status());
	}

	boolean complete(RedisTaskDelivery delivery, Task record) {
		Assert.isTrue(record.isFinished(), () -> "A completed record must be finished, was " + record.status());
		try {
			return this.scripts.complete(delivery.uuid(), delivery.token(), this.codec.write(record), record.status(),
					this.timing.finishedTtl());
		}
		finally {
			forget(delivery);
		}
	}

	void release(RedisTaskDelivery delivery) {
		Task queued = delivery.current().toBuilder().status(TaskStatus.NEW).updatedAt(this.clock.instant()).build();
		try {
			if (!this.scripts.release(delivery.uuid(), delivery.token(), this.codec.write(queued))) {
				logger.debug("Task {} was not released: its claim had already ended", delivery.uuid());
			}
		}
		finally {
			forget(delivery);
		}
	}

	private boolean forget(RedisTaskDelivery delivery) {
		if (this.held.remove(delivery.uuid(), delivery)) {
			this.heardCancelRequests.forget(delivery.uuid());
			return true;
		}
		return false;
	}

	private List<TaskDelivery> deliveries(List<RedisTaskScripts.Claim> claims) {
		List<TaskDelivery> deliveries = new ArrayList<>(claims.size());
		for (RedisTaskScripts.Claim claim : claims) {
			if (!claim.valid()) {
				logger.error("Removed the entry {} from the queue {}: {}. It is kept in {}.",
						RedisTaskCodec.quote(claim.uuidOrEntry()), this.keys.pending(), claim.tokenOrReason(),
						this.keys.deadLetters());
				continue;
			}
			UUID uuid = UUID.fromString(claim.uuidOrEntry());
			try {
				Task task = this.codec.read(uuid, claim.record(), claim.status());
				RedisTaskDelivery delivery = new RedisTaskDelivery(this, task, claim.tokenOrReason());
				if (!claim.cancelRequest().isEmpty()) {
					this.heardCancelRequests.put(uuid, claim.cancelRequest());
				}
				this.held.put(uuid, delivery);
				deliveries.add(delivery);
			}
			catch (UnreadableRecordException ex) {
				failUnreadable(uuid, claim.tokenOrReason(), ex);
			}
		}
		return deliveries;
	}

	private void failUnreadable(UUID uuid, String token, UnreadableRecordException failure) {
		String name = this.redis.<String, String>opsForHash().get(this.keys.task(uuid), "name");
		Task failed = placeholder(uuid, name).toBuilder()
			.status(TaskStatus.ERROR)
			.traceback(failure.getMessage() + ". The task cannot run and ended as error.")
			.build();
		logger.error("Task {} cannot run: {}", uuid, failure.getMessage());
		this.scripts.complete(uuid, token, this.codec.write(failed), TaskStatus.ERROR, this.timing.finishedTtl());
	}

	private Task readForCancel(UUID uuid, List<Object> fields) {
		try {
			return this.codec.read(uuid, (String) fields.get(0), (String) fields.get(1));
		}
		catch (UnreadableRecordException ex) {
			return placeholder(uuid, (String) fields.get(3));
		}
	}

	/**
	 * A record to write in place of one that cannot be read.
	 */
	private Task placeholder(UUID uuid, String name) {
		Instant now = this.clock.instant();
		return Task.builder(uuid, (name != null) ? name : "unknown").createdAt(now).updatedAt(now).build();
	}

	private void cancelRequested(String message) {
		Map<?, ?> request = this.codec.readValue(message, Map.class);
		UUID uuid = UUID.fromString(String.valueOf(request.get("uuid")));
		String reason = String.valueOf(request.get("reason"));
		this.heardCancelRequests.put(uuid, reason);
		this.cancelListeners.forEach((listener) -> listener.cancelRequested(uuid, reason));
	}

	private void catchUpOnCancelRequests() {
		for (UUID uuid : List.copyOf(this.held.keySet())) {
			storedCancelRequest(uuid).ifPresent((reason) -> {
				this.heardCancelRequests.put(uuid, reason);
				this.cancelListeners.forEach((listener) -> listener.cancelRequested(uuid, reason));
			});
		}
	}

	private static void guarded(String action, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis broker maintenance could not {}: {}", action,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

	private static void awaitMaintenance(ScheduledExecutorService maintenance) {
		try {
			if (!maintenance.awaitTermination(MAINTENANCE_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Redis broker maintenance did not stop within {}", MAINTENANCE_STOP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The broker's timing.
	 *
	 * @param lease how long a claim lasts without a heartbeat
	 * @param heartbeatInterval how often held claims are extended; shorter than the lease
	 * @param reaperInterval how often expired leases and finished records are looked for
	 * @param finishedTtl how long finished records are kept
	 */
	public record Timing(Duration lease, Duration heartbeatInterval, Duration reaperInterval, Duration finishedTtl) {

		/**
		 * Checks the settings.
		 */
		public Timing {
			requirePositive(lease, "qtasks.redis.lease");
			requirePositive(heartbeatInterval, "qtasks.redis.heartbeat-interval");
			requirePositive(reaperInterval, "qtasks.redis.reaper-interval");
			requirePositive(finishedTtl, "qtasks.storage.finished-ttl");
			if (heartbeatInterval.compareTo(lease) >= 0) {
				throw new IllegalArgumentException("qtasks.redis.heartbeat-interval (" + heartbeatInterval
						+ ") must be shorter than qtasks.redis.lease (" + lease + "), or leases run out while tasks"
						+ " still run");
			}
		}

		private static void requirePositive(Duration value, String property) {
			if (value == null || value.isZero() || value.isNegative() || value.toMillis() == 0) {
				throw new IllegalArgumentException(property + " must be at least 1ms, was " + value);
			}
		}

	}

}

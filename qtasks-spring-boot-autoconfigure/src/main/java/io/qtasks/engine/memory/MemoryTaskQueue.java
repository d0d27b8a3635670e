package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQueue;

/**
 * A queue inside this JVM: due tasks by priority (lower first, then first come first
 * served) and waiting tasks by due time, under one lock. Claims never run out (there is
 * no other node to take a task over). Tasks still queued when the JVM stops are lost,
 * with a warning naming them.
 *
 * @author QTasks contributors
 */
public class MemoryTaskQueue implements TaskQueue, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(MemoryTaskQueue.class);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final MemoryLanes pending = new MemoryLanes();

	private final PriorityQueue<QueuedTask> waiting = new PriorityQueue<>(QueuedTask::byDueTime);

	private final Map<UUID, QueuedTask> queued = new LinkedHashMap<>();

	/**
	 * The claims, outside the lock: finishing a task (the most frequent call) takes it
	 * only to wake the claimants that may wait for its cap.
	 */
	private final Map<UUID, Claimed> claimed = new ConcurrentHashMap<>();

	private final MemoryFlowLimits limits = new MemoryFlowLimits();

	/**
	 * When the first task held back by its rate may start, found by the last look at the
	 * due tasks; {@code null} when none is.
	 */
	private @Nullable Instant nextRateFree;

	private final Clock clock;

	private long sequence;

	/**
	 * Creates an empty queue.
	 * @param clock tells when waiting tasks are due
	 */
	public MemoryTaskQueue(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public boolean isShared() {
		return false;
	}

	@Override
	public void enqueue(QueueEntry entry) {
		locked(() -> put(new QueuedTask(entry, ++this.sequence, 0, laterThanNow(entry.dueAt()))));
	}

	@Override
	public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
		List<QueuedTask> taken = take(request);
		List<QueueClaim> claims = new ArrayList<>(taken.size());
		for (QueuedTask item : taken) {
			QueuedTask delivered = new QueuedTask(item.entry(), item.sequence(), item.deliveries() + 1, null);
			QueueClaim claim = new QueueClaim(item.entry().uuid(), ClaimTokens.next(), delivered.deliveries(), null);
			boolean capped = request.limitsOf(item.entry().taskName()).maxConcurrency() > 0;
			this.claimed.put(claim.uuid(), new Claimed(claim.token(), delivered, capped));
			claims.add(claim);
		}
		return claims;
	}

	@Override
	public Optional<Duration> renewalInterval() {
		return Optional.empty();
	}

	@Override
	public Set<String> extend(Collection<QueueClaim> claims) {
		Set<String> lost = new HashSet<>();
		claims.stream().filter((claim) -> !isHeld(claim)).forEach((claim) -> lost.add(claim.token()));
		return lost;
	}

	@Override
	public boolean ack(QueueClaim claim) {
		Claimed ended = end(claim);
		if (ended != null && ended.capped()) {
			// a claimant may wait for this cap
			locked(this.changed::signalAll);
		}
		return ended != null;
	}

	@Override
	public boolean release(QueueClaim claim, @Nullable Instant until) {
		return locked(() -> {
			Claimed ended = end(claim);
			if (ended != null) {
				put(ended.item().waitingUntil(laterThanNow(until)));
			}
			return ended != null;
		});
	}

	@Override
	public boolean remove(UUID uuid) {
		return locked(() -> {
			QueuedTask item = this.queued.remove(uuid);
			if (item != null) {
				if (item.isWaiting()) {
					this.waiting.remove(item);
				}
				else {
					this.pending.remove(item);
				}
			}
			return item != null;
		});
	}

	@Override
	public long pendingCount() {
		return dueLocked(() -> (long) this.pending.size());
	}

	@Override
	public long waitingCount() {
		return dueLocked(() -> (long) this.waiting.size());
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return dueLocked(() -> {
			SortedMap<Integer, Long> counts = new TreeMap<>();
			this.pending.forEach((item) -> counts.merge(item.entry().priority(), 1L, Long::sum));
			return counts;
		});
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		return dueLocked(() -> {
			Map<String, Long> counts = new TreeMap<>();
			this.pending.forEach((item) -> counts.merge(item.entry().taskName(), 1L, Long::sum));
			return counts;
		});
	}

	@Override
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return dueLocked(() -> {
			Instant now = this.clock.instant();
			Map<MemoryLanes.Lane, FlowStats.Lane> lanes = new LinkedHashMap<>();
			this.pending.forEach((item) -> {
				QueueEntry entry = item.entry();
				boolean limited = !this.limits.allows(entry, limits.getOrDefault(entry.taskName(), TaskLimits.NONE),
						now);
				lanes.merge(MemoryLanes.Lane.of(entry),
						new FlowStats.Lane(entry.queue(), entry.taskName(), entry.limitKey(), 1, limited),
						(left, right) -> new FlowStats.Lane(left.queue(), left.taskName(), left.limitKey(),
								left.due() + 1, left.limited()));
			});
			return new FlowStats(List.copyOf(lanes.values()), this.limits.runningByTask(),
					this.limits.runningByQueue());
		});
	}

	/**
	 * Says which queued tasks are lost with this JVM, rather than dropping them silently.
	 */
	@Override
	public void destroy() {
		List<UUID> dropped = locked(() -> {
			List<UUID> queued = new ArrayList<>(this.queued.keySet());
			this.queued.clear();
			this.pending.clear();
			this.waiting.clear();
			return queued;
		});
		if (!dropped.isEmpty()) {
			logger.warn("{} queued task(s) are lost: the memory engine keeps tasks only while this JVM runs (use the"
					+ " redis broker to keep them): {}", dropped.size(), dropped);
		}
	}

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void locked(Runnable action) {
		locked(() -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs an action under the lock once the waiting tasks that are due have moved to the
	 * queue.
	 */
	private <T> T dueLocked(Supplier<T> action) {
		return locked(() -> {
			promoteDue(this.clock.instant());
			return action.get();
		});
	}

	private @Nullable Instant laterThanNow(@Nullable Instant instant) {
		return (instant != null && instant.isAfter(this.clock.instant())) ? instant : null;
	}

	private void put(QueuedTask item) {
		this.queued.put(item.entry().uuid(), item);
		if (item.isWaiting()) {
			this.waiting.add(item);
		}
		else {
			this.pending.add(item);
		}
		this.changed.signalAll();
	}

	/**
	 * Moves the waiting tasks that are due to the back of their priority, earliest due
	 * first.
	 */
	private void promoteDue(Instant now) {
		QueuedTask next;
		while ((next = this.waiting.peek()) != null && !next.dueAt().isAfter(now)) {
			this.waiting.poll();
			QueuedTask due = new QueuedTask(next.entry(), ++this.sequence, next.deliveries(), null);
			this.queued.put(due.entry().uuid(), due);
			this.pending.add(due);
		}
	}

	private long untilNextDue(Instant now) {
		QueuedTask next = this.waiting.peek();
		long untilDue = (next != null) ? untilNanos(now, next.dueAt()) : Long.MAX_VALUE;
		Instant rateFree = this.nextRateFree;
		return (rateFree != null) ? Math.min(untilDue, untilNanos(now, rateFree)) : untilDue;
	}

	private static long untilNanos(Instant now, Instant then) {
		return TimeUnit.MILLISECONDS.toNanos(Math.max(1, Duration.between(now, then).toMillis()));
	}

	/**
	 * Takes due tasks out of the queue, waiting for the first one up to the request's
	 * timeout. Only this is done under the lock; the claims are made outside it (a task
	 * in neither the queue nor the claims is being claimed: it cannot be removed).
	 */
	private List<QueuedTask> take(ClaimRequest request) throws InterruptedException {
		long deadline = System.nanoTime() + request.timeout().toNanos();
		this.lock.lockInterruptibly();
		try {
			while (true) {
				if (!this.waiting.isEmpty()) {
					promoteDue(this.clock.instant());
				}
				List<QueuedTask> taken = takeDue(request);
				long remaining = deadline - System.nanoTime();
				if (!taken.isEmpty() || remaining <= 0) {
					return taken;
				}
				this.changed.awaitNanos(Math.min(remaining, untilNextDue(this.clock.instant())));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes due tasks in priority order across the lanes the request takes from, passing
	 * over every lane whose limit is reached or whose queue's share is taken (their tasks
	 * keep their place).
	 */
	private List<QueuedTask> takeDue(ClaimRequest request) {
		this.nextRateFree = null;
		if (this.pending.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		Map<String, Integer> queueShares = new HashMap<>(request.queueMax());
		List<MemoryLanes.Lane> open = new ArrayList<>();
		for (MemoryLanes.Lane lane : this.pending.lanes()) {
			if (request.accepts(lane.taskName()) && request.acceptsQueue(lane.queue())) {
				open.add(lane);
			}
		}
		List<QueuedTask> taken = new ArrayList<>(Math.min(request.max(), this.pending.size()));
		while (taken.size() < request.max()) {
			MemoryLanes.Lane lane = best(open);
			if (lane == null) {
				break;
			}
			QueueEntry entry = this.pending.peek(lane).entry();
			TaskLimits taskLimits = request.limitsOf(entry.taskName());
			if (queueShares.getOrDefault(entry.queue(), 1) <= 0 || !allows(entry, taskLimits, now)) {
				open.remove(lane);
				continue;
			}
			QueuedTask item = this.pending.poll(lane);
			if (this.pending.peek(lane) == null) {
				open.remove(lane);
			}
			this.queued.remove(entry.uuid());
			this.limits.claimed(entry, taskLimits, now);
			queueShares.computeIfPresent(entry.queue(), (queue, share) -> share - 1);
			taken.add(item);
		}
		return taken;
	}

	/**
	 * The lane whose first task comes first.
	 */
	private MemoryLanes.@Nullable Lane best(List<MemoryLanes.Lane> lanes) {
		MemoryLanes.Lane best = null;
		QueuedTask first = null;
		for (MemoryLanes.Lane lane : lanes) {
			QueuedTask head = this.pending.peek(lane);
			if (head != null && (first == null || QueuedTask.byPriority(head, first) < 0)) {
				best = lane;
				first = head;
			}
		}
		return best;
	}

	private boolean allows(QueueEntry entry, TaskLimits taskLimits, Instant now) {
		if (this.limits.allows(entry, taskLimits, now)) {
			return true;
		}
		Instant rateFree = this.limits.rateFreeAt(entry, taskLimits, now);
		if (rateFree != null && (this.nextRateFree == null || rateFree.isBefore(this.nextRateFree))) {
			this.nextRateFree = rateFree;
		}
		return false;
	}

	private boolean isHeld(QueueClaim claim) {
		Claimed current = this.claimed.get(claim.uuid());
		return current != null && current.token().equals(claim.token());
	}

	/**
	 * Ends a claim when its token still holds it, and counts it off its limits.
	 * @return the claim, or {@code null} when it was no longer held
	 */
	private @Nullable Claimed end(QueueClaim claim) {
		Claimed current = this.claimed.get(claim.uuid());
		if (current != null && current.token().equals(claim.token()) && this.claimed.remove(claim.uuid(), current)) {
			this.limits.ended(current.item().entry());
			return current;
		}
		return null;
	}

	private record Claimed(String token, QueuedTask item, boolean capped) {

	}

}

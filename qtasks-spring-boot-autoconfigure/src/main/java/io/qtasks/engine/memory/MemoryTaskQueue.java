package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * with a warning naming them (the first hundred).
 *
 * @author QTasks contributors
 */
public class MemoryTaskQueue implements TaskQueue, DisposableBean {

	private static final int MAX_NAMED_LOST = 100;

	private static final Logger logger = LoggerFactory.getLogger(MemoryTaskQueue.class);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/**
	 * The claims, outside the lock: finishing a task (the most frequent call) takes it
	 * only to wake the claimants that may wait for its cap.
	 */
	private final Map<UUID, Claimed> claimed = new ConcurrentHashMap<>();

	private final MemoryFlowLimits limits = new MemoryFlowLimits();

	private final MemoryQueuedTasks tasks;

	/**
	 * Creates an empty queue.
	 * @param clock tells when waiting tasks are due
	 */
	public MemoryTaskQueue(Clock clock) {
		this.tasks = new MemoryQueuedTasks(this.limits, clock);
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
		locked(() -> {
			this.tasks.add(entry);
			this.changed.signalAll();
		});
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
				this.tasks.putBack(ended.item(), until);
				this.changed.signalAll();
			}
			return ended != null;
		});
	}

	@Override
	public boolean remove(UUID uuid) {
		return locked(() -> this.tasks.remove(uuid));
	}

	@Override
	public long pendingCount() {
		return dueLocked(this.tasks::pendingCount);
	}

	@Override
	public long waitingCount() {
		return dueLocked(this.tasks::waitingCount);
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return dueLocked(this.tasks::pendingCountByPriority);
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		return dueLocked(this.tasks::pendingCountByTaskName);
	}

	@Override
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return dueLocked(() -> this.tasks.flowStats(limits));
	}

	/**
	 * Says which queued tasks are lost with this JVM, rather than dropping them silently.
	 */
	@Override
	public void destroy() {
		List<UUID> dropped = locked(this.tasks::clear);
		if (!dropped.isEmpty()) {
			// a deep queue would otherwise put every uuid on one log line
			String named = (dropped.size() <= MAX_NAMED_LOST) ? dropped.toString()
					: dropped.subList(0, MAX_NAMED_LOST) + " and " + (dropped.size() - MAX_NAMED_LOST) + " more";
			logger.warn("{} queued task(s) are lost: the memory engine keeps tasks only while this JVM runs (use the"
					+ " redis broker to keep them): {}", dropped.size(), named);
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
			this.tasks.promoteDue();
			return action.get();
		});
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
				this.tasks.promoteDue();
				List<QueuedTask> taken = this.tasks.takeDue(request);
				long remaining = deadline - System.nanoTime();
				if (!taken.isEmpty() || remaining <= 0) {
					return taken;
				}
				this.changed.awaitNanos(Math.min(remaining, this.tasks.untilNextDue()));
			}
		}
		finally {
			this.lock.unlock();
		}
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

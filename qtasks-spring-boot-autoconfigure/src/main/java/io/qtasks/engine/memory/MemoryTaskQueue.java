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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
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

	private final PriorityQueue<Item> pending = new PriorityQueue<>(Item::byPriority);

	private final PriorityQueue<Item> waiting = new PriorityQueue<>(Item::byDueTime);

	private final Map<UUID, Item> queued = new LinkedHashMap<>();

	private final Map<UUID, Claimed> claimed = new HashMap<>();

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
	public void enqueue(QueueEntry entry) {
		this.lock.lock();
		try {
			put(new Item(entry, ++this.sequence, 0, laterThanNow(entry.dueAt())));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
		long deadline = System.nanoTime() + request.timeout().toNanos();
		this.lock.lockInterruptibly();
		try {
			while (true) {
				Instant now = this.clock.instant();
				promoteDue(now);
				List<QueueClaim> claims = take(request);
				long remaining = deadline - System.nanoTime();
				if (!claims.isEmpty() || remaining <= 0) {
					return claims;
				}
				this.changed.awaitNanos(Math.min(remaining, untilNextDue(now)));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<Duration> renewalInterval() {
		return Optional.empty();
	}

	@Override
	public Set<String> extend(Collection<QueueClaim> claims) {
		this.lock.lock();
		try {
			Set<String> lost = new HashSet<>();
			for (QueueClaim claim : claims) {
				if (held(claim) == null) {
					lost.add(claim.token());
				}
			}
			return lost;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean ack(QueueClaim claim) {
		this.lock.lock();
		try {
			return end(claim) != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean release(QueueClaim claim, @Nullable Instant until) {
		this.lock.lock();
		try {
			Claimed ended = end(claim);
			if (ended == null) {
				return false;
			}
			put(ended.item().waitingUntil(laterThanNow(until)));
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean remove(UUID uuid) {
		this.lock.lock();
		try {
			Item item = this.queued.remove(uuid);
			if (item == null) {
				return false;
			}
			(item.isWaiting() ? this.waiting : this.pending).remove(item);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public long pendingCount() {
		this.lock.lock();
		try {
			promoteDue(this.clock.instant());
			return this.pending.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public long waitingCount() {
		this.lock.lock();
		try {
			promoteDue(this.clock.instant());
			return this.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		this.lock.lock();
		try {
			promoteDue(this.clock.instant());
			SortedMap<Integer, Long> counts = new TreeMap<>();
			for (Item item : this.pending) {
				counts.merge(item.entry().priority(), 1L, Long::sum);
			}
			return counts;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Says which queued tasks are lost with this JVM, rather than dropping them silently.
	 */
	@Override
	public void destroy() {
		List<UUID> dropped;
		this.lock.lock();
		try {
			dropped = new ArrayList<>(this.queued.keySet());
			this.queued.clear();
			this.pending.clear();
			this.waiting.clear();
		}
		finally {
			this.lock.unlock();
		}
		if (!dropped.isEmpty()) {
			logger.warn("{} queued task(s) are lost: the memory engine keeps tasks only while this JVM runs (use the"
					+ " redis broker to keep them): {}", dropped.size(), dropped);
		}
	}

	private @Nullable Instant laterThanNow(@Nullable Instant instant) {
		return (instant != null && instant.isAfter(this.clock.instant())) ? instant : null;
	}

	private void put(Item item) {
		this.queued.put(item.entry().uuid(), item);
		(item.isWaiting() ? this.waiting : this.pending).add(item);
		this.changed.signalAll();
	}

	/**
	 * Moves the waiting tasks that are due to the back of their priority, earliest due
	 * first.
	 */
	private void promoteDue(Instant now) {
		Item next;
		while ((next = this.waiting.peek()) != null && !next.dueAt().isAfter(now)) {
			this.waiting.poll();
			Item due = new Item(next.entry(), ++this.sequence, next.deliveries(), null);
			this.queued.put(due.entry().uuid(), due);
			this.pending.add(due);
		}
	}

	private long untilNextDue(Instant now) {
		Item next = this.waiting.peek();
		return (next != null)
				? TimeUnit.MILLISECONDS.toNanos(Math.max(1, Duration.between(now, next.dueAt()).toMillis()))
				: Long.MAX_VALUE;
	}

	private List<QueueClaim> take(ClaimRequest request) {
		List<QueueClaim> claims = new ArrayList<>(Math.min(request.max(), this.pending.size()));
		List<Item> skipped = null;
		while (claims.size() < request.max() && !this.pending.isEmpty()) {
			Item item = this.pending.poll();
			if (!request.accepts(item.entry().taskName())) {
				skipped = (skipped != null) ? skipped : new ArrayList<>();
				skipped.add(item);
				continue;
			}
			this.queued.remove(item.entry().uuid());
			Item delivered = new Item(item.entry(), item.sequence(), item.deliveries() + 1, null);
			QueueClaim claim = new QueueClaim(item.entry().uuid(), ClaimTokens.next(), delivered.deliveries(), null);
			this.claimed.put(claim.uuid(), new Claimed(claim.token(), delivered));
			claims.add(claim);
		}
		if (skipped != null) {
			this.pending.addAll(skipped);
		}
		return claims;
	}

	private @Nullable Claimed held(QueueClaim claim) {
		Claimed current = this.claimed.get(claim.uuid());
		return (current != null && current.token().equals(claim.token())) ? current : null;
	}

	private @Nullable Claimed end(QueueClaim claim) {
		Claimed current = held(claim);
		if (current != null) {
			this.claimed.remove(claim.uuid());
		}
		return current;
	}

	/**
	 * A queued task.
	 *
	 * @param entry what the queue knows of it
	 * @param sequence its order of arrival in its priority
	 * @param deliveries how often it was handed out
	 * @param dueAt when a waiting task is due, else {@code null}
	 */
	private record Item(QueueEntry entry, long sequence, int deliveries, @Nullable Instant dueAt) {

		boolean isWaiting() {
			return this.dueAt != null;
		}

		/**
		 * The item put back after a claim: at its old place, or waiting until an instant.
		 */
		Item waitingUntil(@Nullable Instant until) {
			return new Item(this.entry, this.sequence, this.deliveries, until);
		}

		static int byPriority(Item left, Item right) {
			int byPriority = Integer.compare(left.entry.priority(), right.entry.priority());
			return (byPriority != 0) ? byPriority : Long.compare(left.sequence, right.sequence);
		}

		static int byDueTime(Item left, Item right) {
			int byDue = left.dueAt.compareTo(right.dueAt);
			return (byDue != 0) ? byDue : Long.compare(left.sequence, right.sequence);
		}

	}

	private record Claimed(String token, Item item) {

	}

}

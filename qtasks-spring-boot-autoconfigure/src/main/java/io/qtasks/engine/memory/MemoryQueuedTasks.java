package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.TaskLimits;

/**
 * What a {@link MemoryTaskQueue} holds and which task is next: the due tasks in their
 * lanes by priority, the waiting tasks by due time, and the claims counted against caps
 * and rates. Not thread-safe: the queue calls it under its lock.
 *
 * @author QTasks contributors
 */
final class MemoryQueuedTasks {

	private final MemoryLanes pending = new MemoryLanes();

	private final PriorityQueue<QueuedTask> waiting = new PriorityQueue<>(QueuedTask::byDueTime);

	private final Map<UUID, QueuedTask> queued = new HashMap<>();

	private final MemoryFlowLimits limits;

	private final Clock clock;

	/**
	 * When the first task held back by its rate may start, found by the last look at the
	 * due tasks; {@code null} when none is.
	 */
	private @Nullable Instant nextRateFree;

	private long sequence;

	MemoryQueuedTasks(MemoryFlowLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Queues a new entry at the back of its priority, or waiting until its due time.
	 * @param entry the entry
	 */
	void add(QueueEntry entry) {
		put(new QueuedTask(entry, ++this.sequence, 0, laterThanNow(entry.dueAt())));
	}

	/**
	 * Puts a task back: at its place, or waiting until an instant.
	 * @param item the task as it was claimed
	 * @param until when it is due again, or {@code null} for now
	 */
	void putBack(QueuedTask item, @Nullable Instant until) {
		put(item.waitingUntil(laterThanNow(until)));
	}

	/**
	 * Takes a queued or waiting task out.
	 * @param uuid the task's uuid
	 * @return whether it was there
	 */
	boolean remove(UUID uuid) {
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
	}

	/**
	 * Moves the waiting tasks that are due to the back of their priority, earliest due
	 * first.
	 */
	void promoteDue() {
		if (this.waiting.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		QueuedTask next;
		while ((next = this.waiting.peek()) != null && !next.dueAt().isAfter(now)) {
			this.waiting.poll();
			QueuedTask due = new QueuedTask(next.entry(), ++this.sequence, next.deliveries(), null);
			this.queued.put(due.entry().uuid(), due);
			this.pending.add(due);
		}
	}

	/**
	 * How long a claimant with nothing to take may sleep: until the next waiting task is
	 * due or a rate lets a held-back task start.
	 * @return nanoseconds, {@link Long#MAX_VALUE} when nothing is due later
	 */
	long untilNextDue() {
		Instant now = this.clock.instant();
		QueuedTask next = this.waiting.peek();
		long untilDue = (next != null) ? untilNanos(now, next.dueAt()) : Long.MAX_VALUE;
		Instant rateFree = this.nextRateFree;
		return (rateFree != null) ? Math.min(untilDue, untilNanos(now, rateFree)) : untilDue;
	}

	/**
	 * Takes due tasks in priority order across the lanes the request takes from, passing
	 * over every lane whose limit is reached or whose queue's share is taken (their tasks
	 * keep their place), and counts them against their limits.
	 * @param request the claim
	 * @return the tasks taken
	 */
	List<QueuedTask> takeDue(ClaimRequest request) {
		this.nextRateFree = null;
		if (this.pending.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		Map<String, Integer> queueShares = new HashMap<>(request.queueMax());
		List<MemoryLanes.Due> open = new ArrayList<>();
		for (MemoryLanes.Due lane : this.pending.lanes()) {
			QueueEntry head = lane.peek().entry();
			if (request.accepts(head.taskName()) && request.acceptsQueue(head.queue())) {
				open.add(lane);
			}
		}
		List<QueuedTask> taken = new ArrayList<>(Math.min(request.max(), this.pending.size()));
		while (taken.size() < request.max()) {
			MemoryLanes.Due lane = best(open);
			if (lane == null) {
				break;
			}
			QueueEntry entry = lane.peek().entry();
			TaskLimits taskLimits = request.limitsOf(entry.taskName());
			if (queueShares.getOrDefault(entry.queue(), 1) <= 0 || !allows(entry, taskLimits, now)) {
				open.remove(lane);
				continue;
			}
			QueuedTask item = this.pending.poll(lane);
			if (lane.peek() == null) {
				open.remove(lane);
			}
			this.queued.remove(entry.uuid());
			this.limits.claimed(entry, taskLimits, now);
			queueShares.computeIfPresent(entry.queue(), (queue, share) -> share - 1);
			taken.add(item);
		}
		return taken;
	}

	long pendingCount() {
		return this.pending.size();
	}

	long waitingCount() {
		return this.waiting.size();
	}

	SortedMap<Integer, Long> pendingCountByPriority() {
		SortedMap<Integer, Long> counts = new TreeMap<>();
		this.pending.forEach((item) -> counts.merge(item.entry().priority(), 1L, Long::sum));
		return counts;
	}

	Map<String, Long> pendingCountByTaskName() {
		Map<String, Long> counts = new TreeMap<>();
		this.pending.forEach((item) -> counts.merge(item.entry().taskName(), 1L, Long::sum));
		return counts;
	}

	FlowStats flowStats(Map<String, TaskLimits> limits) {
		Instant now = this.clock.instant();
		Map<MemoryLanes.Lane, FlowStats.Lane> lanes = new LinkedHashMap<>();
		this.pending.forEach((item) -> {
			QueueEntry entry = item.entry();
			boolean limited = !this.limits.allows(entry, limits.getOrDefault(entry.taskName(), TaskLimits.NONE), now);
			lanes.merge(MemoryLanes.Lane.of(entry),
					new FlowStats.Lane(entry.queue(), entry.taskName(), entry.limitKey(), 1, limited),
					(left, right) -> new FlowStats.Lane(left.queue(), left.taskName(), left.limitKey(), left.due() + 1,
							left.limited()));
		});
		return new FlowStats(List.copyOf(lanes.values()), this.limits.runningByTask(), this.limits.runningByQueue());
	}

	/**
	 * Drops everything queued and waiting.
	 * @return the uuids dropped, in the order they arrived
	 */
	List<UUID> clear() {
		List<UUID> dropped = this.queued.values()
			.stream()
			.sorted(Comparator.comparingLong(QueuedTask::sequence))
			.map((item) -> item.entry().uuid())
			.toList();
		this.queued.clear();
		this.pending.clear();
		this.waiting.clear();
		return dropped;
	}

	private void put(QueuedTask item) {
		this.queued.put(item.entry().uuid(), item);
		if (item.isWaiting()) {
			this.waiting.add(item);
		}
		else {
			this.pending.add(item);
		}
	}

	private @Nullable Instant laterThanNow(@Nullable Instant instant) {
		return (instant != null && instant.isAfter(this.clock.instant())) ? instant : null;
	}

	/**
	 * The lane whose first task comes first.
	 */
	private MemoryLanes.@Nullable Due best(List<MemoryLanes.Due> lanes) {
		MemoryLanes.Due best = null;
		QueuedTask first = null;
		for (MemoryLanes.Due lane : lanes) {
			QueuedTask head = lane.peek();
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

	private static long untilNanos(Instant now, Instant then) {
		return TimeUnit.MILLISECONDS.toNanos(Math.max(1, Duration.between(now, then).toMillis()));
	}

}

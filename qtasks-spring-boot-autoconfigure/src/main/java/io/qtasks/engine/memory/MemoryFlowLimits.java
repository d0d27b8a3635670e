package io.qtasks.engine.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

/**
 * The claims held and the recent starts of the {@link MemoryTaskQueue}, by task name and
 * limit key, and the claims held by queue: what its caps and rates are checked against.
 * Entries are created as claims are made and dropped when they count nothing. The queue
 * checks and counts claims under its lock; claims end without it (the counts of claims
 * are concurrent maps).
 *
 * @author QTasks contributors
 */
final class MemoryFlowLimits {

	private final Map<LimitId, Integer> running = new ConcurrentHashMap<>();

	private final Map<String, Integer> runningByQueue = new ConcurrentHashMap<>();

	private final Map<LimitId, Deque<Instant>> starts = new HashMap<>();

	/**
	 * Whether a task may start now under its limits.
	 */
	boolean allows(QueueEntry entry, TaskLimits limits, Instant now) {
		LimitId id = LimitId.of(entry);
		if (limits.maxConcurrency() > 0 && this.running.getOrDefault(id, 0) >= limits.maxConcurrency()) {
			return false;
		}
		RateLimit rate = limits.rateLimit();
		return rate == null || recentStarts(id, rate, now).size() < rate.permits();
	}

	/**
	 * When a task held back by its rate may start, or {@code null} when its rate does not
	 * hold it back.
	 */
	@Nullable Instant rateFreeAt(QueueEntry entry, TaskLimits limits, Instant now) {
		RateLimit rate = limits.rateLimit();
		if (rate == null) {
			return null;
		}
		Deque<Instant> recent = recentStarts(LimitId.of(entry), rate, now);
		return (recent.size() >= rate.permits()) ? recent.peekFirst().plus(rate.window()) : null;
	}

	void claimed(QueueEntry entry, TaskLimits limits, Instant now) {
		LimitId id = LimitId.of(entry);
		this.running.merge(id, 1, Integer::sum);
		this.runningByQueue.merge(entry.queue(), 1, Integer::sum);
		if (limits.rateLimit() != null) {
			this.starts.computeIfAbsent(id, (key) -> new ArrayDeque<>()).addLast(now);
		}
	}

	void ended(QueueEntry entry) {
		this.running.computeIfPresent(LimitId.of(entry), (id, count) -> (count > 1) ? count - 1 : null);
		this.runningByQueue.computeIfPresent(entry.queue(), (queue, count) -> (count > 1) ? count - 1 : null);
	}

	Map<String, Long> runningByTask() {
		Map<String, Long> counts = new TreeMap<>();
		this.running.forEach((id, count) -> counts.merge(id.taskName(), (long) count, Long::sum));
		return counts;
	}

	Map<String, Long> runningByQueue() {
		Map<String, Long> counts = new TreeMap<>();
		this.runningByQueue.forEach((queue, count) -> counts.put(queue, (long) count));
		return counts;
	}

	private Deque<Instant> recentStarts(LimitId id, RateLimit rate, Instant now) {
		Deque<Instant> recent = this.starts.get(id);
		if (recent == null) {
			return new ArrayDeque<>(0);
		}
		Instant windowStart = now.minus(rate.window());
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
			recent.pollFirst();
		}
		if (recent.isEmpty()) {
			this.starts.remove(id);
		}
		return recent;
	}

	private record LimitId(String taskName, @Nullable String limitKey) {

		static LimitId of(QueueEntry entry) {
			return new LimitId(entry.taskName(), entry.limitKey());
		}

	}

}

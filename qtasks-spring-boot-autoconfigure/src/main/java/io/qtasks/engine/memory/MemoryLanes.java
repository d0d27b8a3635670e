package io.qtasks.engine.memory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.QueueEntry;

/**
 * The due tasks of the {@link MemoryTaskQueue}, one priority queue per lane (named queue,
 * task name and limit key), so that a claim passes over a whole lane whose limit is
 * reached instead of over each of its tasks. Lanes are made by their first task and
 * dropped with their last. Not thread safe: the queue uses it under its lock.
 *
 * @author QTasks contributors
 */
final class MemoryLanes {

	private final Map<Lane, PriorityQueue<QueuedTask>> lanes = new HashMap<>();

	private int size;

	void add(QueuedTask item) {
		this.lanes.computeIfAbsent(Lane.of(item.entry()), (lane) -> new PriorityQueue<>(QueuedTask::byPriority))
			.add(item);
		this.size++;
	}

	boolean remove(QueuedTask item) {
		Lane lane = Lane.of(item.entry());
		PriorityQueue<QueuedTask> due = this.lanes.get(lane);
		if (due == null || !due.remove(item)) {
			return false;
		}
		this.size--;
		if (due.isEmpty()) {
			this.lanes.remove(lane);
		}
		return true;
	}

	/**
	 * Takes the first task of a lane.
	 */
	QueuedTask poll(Lane lane) {
		QueuedTask item = this.lanes.get(lane).poll();
		this.size--;
		if (this.lanes.get(lane).isEmpty()) {
			this.lanes.remove(lane);
		}
		return item;
	}

	/**
	 * The first task of a lane, or {@code null} when it has none.
	 */
	@Nullable QueuedTask peek(Lane lane) {
		PriorityQueue<QueuedTask> due = this.lanes.get(lane);
		return (due != null) ? due.peek() : null;
	}

	Collection<Lane> lanes() {
		return this.lanes.keySet();
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	void forEach(Consumer<QueuedTask> action) {
		this.lanes.values().forEach((due) -> due.forEach(action));
	}

	void clear() {
		this.lanes.clear();
		this.size = 0;
	}

	/**
	 * The due tasks of one queue, name and limit key.
	 *
	 * @param queue the named queue
	 * @param taskName the task name
	 * @param limitKey the limit key, or {@code null}
	 */
	record Lane(String queue, String taskName, @Nullable String limitKey) {

		static Lane of(QueueEntry entry) {
			return new Lane(entry.queue(), entry.taskName(), entry.limitKey());
		}

	}

}

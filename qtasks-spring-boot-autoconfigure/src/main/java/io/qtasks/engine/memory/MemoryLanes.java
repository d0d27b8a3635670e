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
 * dropped with their last. A claim works on the {@link Due} tasks of each lane it was
 * handed, so that taking a task looks no lane up. Not thread safe: the queue uses it
 * under its lock.
 *
 * @author QTasks contributors
 */
final class MemoryLanes {

	private final Map<Lane, Due> lanes = new HashMap<>();

	private int size;

	void add(QueuedTask item) {
		this.lanes.computeIfAbsent(Lane.of(item.entry()), Due::new).tasks.add(item);
		this.size++;
	}

	boolean remove(QueuedTask item) {
		Lane lane = Lane.of(item.entry());
		Due due = this.lanes.get(lane);
		if (due == null || !due.tasks.remove(item)) {
			return false;
		}
		this.size--;
		if (due.tasks.isEmpty()) {
			this.lanes.remove(lane);
		}
		return true;
	}

	/**
	 * Takes the first task of a lane.
	 * @param due the lane's due tasks, as {@link #lanes()} gave them, not empty
	 * @return the task
	 */
	QueuedTask poll(Due due) {
		QueuedTask item = due.tasks.poll();
		this.size--;
		if (due.tasks.isEmpty()) {
			this.lanes.remove(due.lane);
		}
		return item;
	}

	/**
	 * The due tasks of each lane that has any.
	 */
	Collection<Due> lanes() {
		return this.lanes.values();
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	void forEach(Consumer<QueuedTask> action) {
		this.lanes.values().forEach((due) -> due.tasks.forEach(action));
	}

	void clear() {
		this.lanes.clear();
		this.size = 0;
	}

	/**
	 * The due tasks of one lane, by priority.
	 */
	static final class Due {

		private final Lane lane;

		private final PriorityQueue<QueuedTask> tasks = new PriorityQueue<>(QueuedTask::byPriority);

		private Due(Lane lane) {
			this.lane = lane;
		}

		/**
		 * The first task, or {@code null} when the lane has none left.
		 */
		@Nullable QueuedTask peek() {
			return this.tasks.peek();
		}

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

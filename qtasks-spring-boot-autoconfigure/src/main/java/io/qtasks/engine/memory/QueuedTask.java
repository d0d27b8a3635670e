package io.qtasks.engine.memory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.QueueEntry;

/**
 * A task in the {@link MemoryTaskQueue}, due or waiting.
 *
 * @param entry what the queue knows of it
 * @param sequence its order of arrival in its priority
 * @param deliveries how often it was handed out
 * @param dueAt when a waiting task is due, else {@code null}
 * @author QTasks contributors
 */
record QueuedTask(QueueEntry entry, long sequence, int deliveries, @Nullable Instant dueAt) {

	boolean isWaiting() {
		return this.dueAt != null;
	}

	/**
	 * The item put back after a claim: at its old place, or waiting until an instant.
	 */
	QueuedTask waitingUntil(@Nullable Instant until) {
		return new QueuedTask(this.entry, this.sequence, this.deliveries, until);
	}

	static int byPriority(QueuedTask left, QueuedTask right) {
		int byPriority = Integer.compare(left.entry.priority(), right.entry.priority());
		return (byPriority != 0) ? byPriority : Long.compare(left.sequence, right.sequence);
	}

	static int byDueTime(QueuedTask left, QueuedTask right) {
		int byDue = left.dueAt.compareTo(right.dueAt);
		return (byDue != 0) ? byDue : Long.compare(left.sequence, right.sequence);
	}

}

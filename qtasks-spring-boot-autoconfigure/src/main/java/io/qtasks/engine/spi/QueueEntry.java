package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * What a queue needs to know of a task: which one it is, what it is called (workers claim
 * only the tasks they know), its priority and, for a task that waits, when it is due.
 *
 * @param uuid the task's uuid
 * @param taskName the task's name
 * @param priority its priority; lower runs first
 * @param dueAt when it may run, or {@code null} for now
 * @author QTasks contributors
 */
public record QueueEntry(UUID uuid, String taskName, int priority, @Nullable Instant dueAt) {

	/**
	 * The entry of a record.
	 * @param record the task's record
	 * @param dueAt when it may run, or {@code null} for now
	 * @return the entry
	 */
	public static QueueEntry of(Task record, @Nullable Instant dueAt) {
		return new QueueEntry(record.uuid(), record.taskName(), record.priority(), dueAt);
	}

}

package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * What a queue needs to know of a task: which one it is, what it is called (workers claim
 * only the tasks they know), its priority, for a task that waits, when it is due, the
 * named queue it belongs to, and the key its limits apply per.
 *
 * @param uuid the task's uuid
 * @param taskName the task's name
 * @param priority its priority; lower runs first
 * @param dueAt when it may run, or {@code null} for now
 * @param queue the named queue (see {@link ClaimRequest#DEFAULT_QUEUE})
 * @param limitKey the key its cap and rate apply per, or {@code null} for the task's own
 * @author QTasks contributors
 */
public record QueueEntry(UUID uuid, String taskName, int priority, @Nullable Instant dueAt, String queue,
		@Nullable String limitKey) {

	/**
	 * The {@link Task#extra()} entry naming a task's queue when it is not the default.
	 */
	public static final String QUEUE = "queue";

	/**
	 * The {@link Task#extra()} entry holding a task's limit key.
	 */
	public static final String LIMIT_KEY = "limitKey";

	/**
	 * An entry of the default queue without a limit key.
	 * @param uuid the task's uuid
	 * @param taskName the task's name
	 * @param priority its priority
	 * @param dueAt when it may run, or {@code null} for now
	 */
	public QueueEntry(UUID uuid, String taskName, int priority, @Nullable Instant dueAt) {
		this(uuid, taskName, priority, dueAt, ClaimRequest.DEFAULT_QUEUE, null);
	}

	/**
	 * The entry of a record.
	 * @param record the task's record
	 * @param dueAt when it may run, or {@code null} for now
	 * @return the entry
	 */
	public static QueueEntry of(Task record, @Nullable Instant dueAt) {
		return new QueueEntry(record.uuid(), record.taskName(), record.priority(), dueAt, queueOf(record),
				limitKeyOf(record));
	}

	/**
	 * The named queue of a record: {@code extra.queue}, else the default queue.
	 * @param record the record
	 * @return the queue's name
	 */
	public static String queueOf(Task record) {
		return (record.extra().get(QUEUE) instanceof String queue && !queue.isEmpty()) ? queue
				: ClaimRequest.DEFAULT_QUEUE;
	}

	/**
	 * The limit key of a record: {@code extra.limitKey}.
	 * @param record the record
	 * @return the key, or {@code null} when it has none
	 */
	public static @Nullable String limitKeyOf(Task record) {
		return (record.extra().get(LIMIT_KEY) instanceof String key && !key.isEmpty()) ? key : null;
	}

}

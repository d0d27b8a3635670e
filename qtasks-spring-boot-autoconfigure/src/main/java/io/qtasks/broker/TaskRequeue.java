package io.qtasks.broker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * How a task that ended in {@code error} or {@code cancel} is queued again, the same on
 * every engine: the record keeps its uuid, arguments, priority and the history of its
 * attempts ({@code extra.attempts}); it goes back to status {@code new} without the
 * outcome of the last run, and notes when and how often it was requeued
 * ({@code extra.requeuedAt}, {@code extra.requeues}). Its next run numbers its attempts
 * on from the last one.
 *
 * @author QTasks contributors
 */
public final class TaskRequeue {

	/**
	 * The {@link Task#extra()} entry holding when the task was last requeued.
	 */
	public static final String REQUEUED_AT = "requeuedAt";

	/**
	 * The {@link Task#extra()} entry counting how often the task was requeued.
	 */
	public static final String REQUEUES = "requeues";

	private TaskRequeue() {
	}

	/**
	 * Whether a record may be requeued: it ended in {@code error} or {@code cancel}.
	 * @param task the record
	 * @return {@code true} when it may
	 */
	public static boolean isRequeueable(Task task) {
		return task.status() == TaskStatus.ERROR || task.status() == TaskStatus.CANCEL;
	}

	/**
	 * The record of a requeued task.
	 * @param finished the record as it ended, in {@code error} or {@code cancel}
	 * @param now the time of the requeue
	 * @return the record to store and queue, in status {@code new}
	 * @throws IllegalArgumentException when the record may not be requeued
	 */
	public static Task queuedAgain(Task finished, Instant now) {
		if (!isRequeueable(finished)) {
			throw new IllegalArgumentException("Only tasks that ended in error or cancel can be requeued; task "
					+ finished.uuid() + " is " + finished.status());
		}
		Map<String, Object> extra = new LinkedHashMap<>(finished.extra());
		extra.remove("finishedAt");
		extra.remove("progress");
		extra.put(REQUEUED_AT, now.toString());
		extra.put(REQUEUES, requeues(finished) + 1);
		return finished.toBuilder()
			.status(TaskStatus.NEW)
			.returning(null)
			.traceback(null)
			.cancelReason(null)
			.updatedAt(now)
			.extra(extra)
			.build();
	}

	/**
	 * When a record was last put in the queue: when it was requeued, else when it was
	 * created.
	 * @param task the record
	 * @return the time, or {@code null} when the record says neither
	 */
	public static Instant queuedAt(Task task) {
		Object requeuedAt = task.extra().get(REQUEUED_AT);
		if (requeuedAt instanceof String text) {
			try {
				return Instant.parse(text);
			}
			catch (RuntimeException ex) {
				// not written by us: fall back to the creation time
			}
		}
		return task.createdAt();
	}

	private static int requeues(Task task) {
		return (task.extra().get(REQUEUES) instanceof Number count) ? count.intValue() : 0;
	}

}

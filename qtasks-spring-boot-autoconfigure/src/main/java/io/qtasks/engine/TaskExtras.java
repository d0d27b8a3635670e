package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.json.IsoInstants;

/**
 * The entries of {@link Task#extra()} that the runtime keeps, the same on every engine,
 * and how they read. {@value #ATTEMPTS} lists every attempt (when it started and ended,
 * and why it failed); {@value #DELIVERIES} counts how often a worker took the task (from
 * the second time); {@value #DUE_AT} says when a waiting task is due; {@value #RETRIED}
 * counts the retries used since the task was enqueued or requeued, so that a retry budget
 * outlives the node that spent part of it.
 *
 * @author QTasks contributors
 */
public final class TaskExtras {

	/**
	 * The {@link Task#extra()} entry listing the attempts.
	 */
	public static final String ATTEMPTS = "attempts";

	/**
	 * The {@link Task#extra()} entry counting how often a worker took the task.
	 */
	public static final String DELIVERIES = "deliveries";

	/**
	 * The {@link Task#extra()} entry holding when a waiting task is due.
	 */
	public static final String DUE_AT = "dueAt";

	/**
	 * The {@link Task#extra()} entry counting the retries used.
	 */
	public static final String RETRIED = "retried";

	/**
	 * The {@link Task#extra()} entry holding when the first attempt started.
	 */
	public static final String STARTED_AT = "startedAt";

	/**
	 * The {@link Task#extra()} entry holding when the task finished.
	 */
	public static final String FINISHED_AT = "finishedAt";

	/**
	 * The {@link Task#extra()} entry holding a generator task's progress.
	 */
	public static final String PROGRESS = "progress";

	/**
	 * The {@link Task#extra()} entry holding when the task was last requeued.
	 */
	public static final String REQUEUED_AT = "requeuedAt";

	/**
	 * The {@link Task#extra()} entry counting how often the task was requeued.
	 */
	public static final String REQUEUES = "requeues";

	/**
	 * The {@link Task#extra()} entry holding the unique key a task took.
	 */
	public static final String UNIQUE_KEY = "uniqueKey";

	/**
	 * The {@link Task#extra()} entry holding how long a task's unique key stays taken
	 * after it finished (an ISO-8601 duration).
	 */
	public static final String UNIQUE_FOR = "uniqueFor";

	/**
	 * The {@link Task#extra()} entry of a schedule's firing: a map of the schedule's
	 * {@code name} and the {@code dueAt} it fires, kept for the task's life (unlike
	 * {@value #DUE_AT}, which goes when the task starts).
	 */
	public static final String SCHEDULE = "schedule";

	private TaskExtras() {
	}

	/**
	 * The unique key a task took.
	 * @param record the record
	 * @return the key, or {@code null} when it took none
	 */
	public static @Nullable UniqueKey uniqueKey(Task record) {
		if (!(record.extra().get(UNIQUE_KEY) instanceof String key) || key.isEmpty()) {
			return null;
		}
		Duration keepFor = Duration.ZERO;
		if (record.extra().get(UNIQUE_FOR) instanceof String text) {
			try {
				keepFor = Duration.parse(text);
			}
			catch (DateTimeParseException ex) {
				// not written by us: kept for no time
			}
		}
		return new UniqueKey(key, keepFor.isNegative() ? Duration.ZERO : keepFor);
	}

	/**
	 * How many attempts of a task were lost: their worker died or lost its claim before
	 * they ended.
	 * @param record the record as stored
	 * @return the count
	 */
	public static int lostAttempts(Task record) {
		return AttemptHistory.of(record).lost();
	}

	/**
	 * How many retries a task used since it was enqueued or requeued.
	 * @param record the record
	 * @return the count
	 */
	public static int retried(Task record) {
		return count(record, RETRIED);
	}

	/**
	 * When a waiting task is due.
	 * @param record the record
	 * @return the instant, or {@code null} when the task does not wait
	 */
	public static @Nullable Instant dueAt(Task record) {
		return instant(record, DUE_AT);
	}

	/**
	 * The schedule whose firing a task is.
	 * @param record the record
	 * @return the schedule's name, or {@code null} for a task that is no firing
	 */
	public static @Nullable String schedule(Task record) {
		return (record.extra().get(SCHEDULE) instanceof Map<?, ?> schedule
				&& schedule.get("name") instanceof String name) ? name : null;
	}

	/**
	 * The due time a schedule's firing fires.
	 * @param record the record
	 * @return the due time, or {@code null} for a task that is no firing
	 */
	public static @Nullable Instant scheduledFor(Task record) {
		if (record.extra().get(SCHEDULE) instanceof Map<?, ?> schedule
				&& schedule.get("dueAt") instanceof String text) {
			try {
				return IsoInstants.parse(text);
			}
			catch (DateTimeParseException ex) {
				// not written by us
			}
		}
		return null;
	}

	/**
	 * When the first attempt of a task's run started (the timeout counts from then).
	 * @param record the record
	 * @return the instant, or {@code null} before the first attempt
	 */
	public static @Nullable Instant startedAt(Task record) {
		return instant(record, STARTED_AT);
	}

	/**
	 * When a task became ready to run: when its wait ended, else when it was last
	 * requeued, else when it was created.
	 * @param record the record
	 * @return the instant, or {@code null} when the record says none
	 */
	public static @Nullable Instant queuedAt(Task record) {
		Instant due = dueAt(record);
		if (due != null) {
			return due;
		}
		Instant requeued = instant(record, REQUEUED_AT);
		return (requeued != null) ? requeued : record.createdAt();
	}

	/**
	 * Whether a record seen by a waiter comes from a requeue made after a final record,
	 * so that this outcome was replaced before the waiter looked and is not the one it
	 * waits for. (Only a requeue makes a finished task unfinished again, and each one
	 * counts itself in {@value #REQUEUES}.)
	 * @param outcome a final record
	 * @param seen the unfinished record the waiter saw
	 * @return {@code true} when {@code seen} was requeued after {@code outcome}
	 */
	public static boolean requeuedSince(Task outcome, Task seen) {
		return count(seen, REQUEUES) > count(outcome, REQUEUES);
	}

	static int count(Task record, String key) {
		return (record.extra().get(key) instanceof Number count) ? count.intValue() : 0;
	}

	private static @Nullable Instant instant(Task record, String key) {
		if (record.extra().get(key) instanceof String text) {
			try {
				return IsoInstants.parse(text);
			}
			catch (DateTimeParseException ex) {
				// not written by us: the record says no time
			}
		}
		return null;
	}

}

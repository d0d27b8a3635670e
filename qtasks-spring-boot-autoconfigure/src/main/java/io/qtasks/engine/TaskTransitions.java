package io.qtasks.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.json.IsoInstants;

/**
 * The rules by which a task's record changes, the same on every engine: engines store and
 * fence the records built here, and build none of their own.
 * <p>
 * A record keeps its history in {@link Task#extra()}: {@value #TaskExtras.ATTEMPTS} lists
 * every attempt (the node that ran it, when it started and ended, and why it failed);
 * {@value #TaskExtras.DELIVERIES} counts how often a worker took the task (from the
 * second time); {@value #TaskExtras.DUE_AT} says when a waiting task is due;
 * {@value #TaskExtras.RETRIED} counts the retries used since the task was enqueued or
 * requeued, so that a retry budget outlives the node that spent part of it.
 *
 * @author QTasks contributors
 */
public final class TaskTransitions {

	private static final String UNKNOWN_NAME = "unknown";

	private final Clock clock;

	/**
	 * Creates the rules.
	 * @param clock dates every change
	 */
	public TaskTransitions(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The current time, as the changes are dated.
	 * @return the instant
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * The record as a worker's run starts from it: the retries its definition allows, how
	 * often it was delivered, and the attempts that earlier deliveries never ended marked
	 * as lost.
	 * @param stored the record as claimed
	 * @param deliveries how many times the task was handed out, this time included
	 * @param retry how many retries the task's definition allows
	 * @return the record
	 */
	public Task claimed(Task stored, int deliveries, int retry) {
		Task.Builder claimed = stored.toBuilder().retry(retry);
		if (deliveries > 1) {
			claimed.extra(TaskExtras.DELIVERIES, deliveries);
		}
		AttemptHistory history = AttemptHistory.of(stored);
		if (history.markLost()) {
			claimed.extra(TaskExtras.ATTEMPTS, history.snapshot());
		}
		return claimed.build();
	}

	/**
	 * An attempt starts on a node that is not known: status {@code process}, the next
	 * attempt number.
	 * @param current the record so far
	 * @param generator whether the task is a generator (its progress starts at 0)
	 * @return the record
	 */
	public Task started(Task current, boolean generator) {
		return started(current, generator, null);
	}

	/**
	 * An attempt starts: status {@code process}, the next attempt number, and the node
	 * that runs it in the attempt's entry.
	 * @param current the record so far
	 * @param generator whether the task is a generator (its progress starts at 0)
	 * @param node the worker node that runs the attempt, or {@code null} when unknown
	 * @return the record
	 */
	public Task started(Task current, boolean generator, @Nullable String node) {
		Instant now = now();
		String nowText = IsoInstants.format(now);
		int attempt = current.attempt() + 1;
		AttemptHistory history = AttemptHistory.of(current);
		history.start(attempt, nowText, node);
		Task.Builder started = current.toBuilder().status(TaskStatus.PROCESS).attempt(attempt).updatedAt(now);
		started.removeExtra(TaskExtras.DUE_AT).extra(TaskExtras.ATTEMPTS, history.snapshot());
		if (current.extra().get(TaskExtras.STARTED_AT) == null) {
			started.extra(TaskExtras.STARTED_AT, nowText);
		}
		if (generator) {
			started.extra(TaskExtras.PROGRESS, progress(0));
		}
		return started.build();
	}

	/**
	 * A generator task produced more elements.
	 * @param current the record so far
	 * @param count the elements produced by the running attempt
	 * @return the record
	 */
	public Task progressed(Task current, int count) {
		return current.toBuilder().extra(TaskExtras.PROGRESS, progress(count)).updatedAt(now()).build();
	}

	/**
	 * An attempt failed and another one follows at {@code dueAt}: status {@code retry},
	 * the failure's traceback, one more retry used.
	 * @param current the record so far
	 * @param failure why the attempt failed
	 * @param dueAt when the next attempt may start
	 * @return the record
	 */
	public Task retrying(Task current, Throwable failure, Instant dueAt) {
		return retrying(current, failure, now(), dueAt);
	}

	/**
	 * An attempt failed and is retried after a pause counted from the attempt's end, as
	 * the record states it: the pause between two attempts is never shorter.
	 * @param current the record of the failed attempt
	 * @param failure why it failed
	 * @param pause the backoff
	 * @return the waiting record, its due time in {@code extra.dueAt}
	 */
	public Task retryingAfter(Task current, Throwable failure, Duration pause) {
		Instant now = now();
		return retrying(current, failure, now, now.plus(pause));
	}

	private Task retrying(Task current, Throwable failure, Instant now, Instant dueAt) {
		return current.toBuilder()
			.status(TaskStatus.RETRY)
			.traceback(Failures.traceback(failure))
			.updatedAt(now)
			.extra(TaskExtras.ATTEMPTS,
					AttemptHistory.ended(current, IsoInstants.format(now), Failures.describe(failure)))
			.extra(TaskExtras.DUE_AT, IsoInstants.format(dueAt))
			.extra(TaskExtras.RETRIED, TaskExtras.retried(current) + 1)
			.build();
	}

	/**
	 * The task returned: status {@code success} with the stored result.
	 * @param current the record so far
	 * @param result the result as a JSON value
	 * @return the record
	 */
	public Task succeeded(Task current, @Nullable Object result) {
		return finished(current, TaskStatus.SUCCESS, null).returning(result).traceback(null).build();
	}

	/**
	 * The task failed for good: status {@code error} with the failure's traceback.
	 * @param current the record so far
	 * @param failure why
	 * @return the record
	 */
	public Task failed(Task current, Throwable failure) {
		return finished(current, TaskStatus.ERROR, Failures.describe(failure)).traceback(Failures.traceback(failure))
			.build();
	}

	/**
	 * The task cannot run: status {@code error} with a message instead of a traceback (an
	 * unknown task, a poison pill).
	 * @param current the record so far
	 * @param message why, for the record's traceback
	 * @return the record
	 */
	public Task failed(Task current, String message) {
		return finished(current, TaskStatus.ERROR, null).traceback(message).build();
	}

	/**
	 * The task was cancelled, while queued, waiting or running: status {@code cancel}
	 * with the reason.
	 * @param current the record so far
	 * @param reason why
	 * @return the record
	 */
	public Task cancelled(Task current, String reason) {
		return finished(current, TaskStatus.CANCEL, null).cancelReason(reason).traceback(null).build();
	}

	/**
	 * A claimed task goes back to the queue without an outcome (its worker shuts down, or
	 * could not store its state): status {@code new}; the running attempt ends, saying
	 * why. A hand-back uses no retry.
	 * @param current the record so far
	 * @param why what made the worker hand it back
	 * @return the record
	 */
	public Task handedBack(Task current, String why) {
		Instant now = now();
		return current.toBuilder()
			.status(TaskStatus.NEW)
			.updatedAt(now)
			.extra(TaskExtras.ATTEMPTS, AttemptHistory.ended(current, IsoInstants.format(now), "handed back: " + why))
			.build();
	}

	/**
	 * A claimed task goes back to the queue because its run broke off without an outcome
	 * (an error escaped while the outcome was being recorded): status {@code new}; the
	 * running attempt stays open, marked lost, so that a task whose runs keep breaking
	 * off ends as a poison pill rather than being handed round forever.
	 * @param current the record so far
	 * @param why what broke the run off
	 * @return the record
	 */
	public Task brokenOff(Task current, String why) {
		AttemptHistory history = AttemptHistory.of(current);
		history.markLost(why);
		return current.toBuilder()
			.status(TaskStatus.NEW)
			.updatedAt(now())
			.extra(TaskExtras.ATTEMPTS, history.snapshot())
			.build();
	}

	/**
	 * A task that ended in {@code error} or {@code cancel} is queued again: status
	 * {@code new} without the outcome of its last run, with a new retry budget and a new
	 * timeout; its uuid, arguments, priority and attempts are kept, and its next attempts
	 * number on.
	 * @param finished the record as it ended
	 * @return the record to queue, or {@code null} when the task may not be requeued
	 */
	public @Nullable Task requeued(Task finished) {
		if (finished.status() != TaskStatus.ERROR && finished.status() != TaskStatus.CANCEL) {
			return null;
		}
		Instant now = now();
		Map<String, Object> extra = new LinkedHashMap<>(finished.extra());
		extra.remove(TaskExtras.FINISHED_AT);
		extra.remove(TaskExtras.STARTED_AT);
		extra.remove(TaskExtras.PROGRESS);
		extra.remove(TaskExtras.DUE_AT);
		extra.remove(TaskExtras.RETRIED);
		extra.put(TaskExtras.REQUEUED_AT, IsoInstants.format(now));
		extra.put(TaskExtras.REQUEUES, TaskExtras.count(finished, TaskExtras.REQUEUES) + 1);
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
	 * The record that replaces one that cannot be read: status {@code error}, saying why.
	 * @param uuid the task's uuid
	 * @param taskName the task's name as stored next to the record, or {@code null}
	 * @param problem what is wrong with the stored record
	 * @return the record
	 */
	public Task unreadable(UUID uuid, @Nullable String taskName, String problem) {
		Instant now = now();
		return Task.builder(uuid, (taskName != null) ? taskName : UNKNOWN_NAME)
			.status(TaskStatus.ERROR)
			.traceback(problem + ". The task cannot run and ended as error.")
			.createdAt(now)
			.updatedAt(now)
			.extra(TaskExtras.FINISHED_AT, IsoInstants.format(now))
			.build();
	}

	private Task.Builder finished(Task current, TaskStatus status, @Nullable String attemptError) {
		Instant now = now();
		String nowText = IsoInstants.format(now);
		Task.Builder finished = current.toBuilder().status(status).updatedAt(now).removeExtra(TaskExtras.DUE_AT);
		List<Map<String, Object>> attempts = AttemptHistory.ended(current, nowText, attemptError);
		if (!attempts.isEmpty()) {
			finished.extra(TaskExtras.ATTEMPTS, attempts);
		}
		return finished.extra(TaskExtras.FINISHED_AT, nowText);
	}

	private static Map<String, Object> progress(int count) {
		return Map.of("count", count);
	}

}

package io.qtasks.execution;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one delivery of a task came to, before it is recorded.
 *
 * @author QTasks contributors
 */
public sealed interface RunOutcome {

	/**
	 * The task returned.
	 *
	 * @param result the result, as a JSON value
	 * @param progress the elements a generator task produced, or {@code null}
	 */
	record Succeeded(@Nullable Object result, @Nullable Integer progress) implements RunOutcome {
	}

	/**
	 * The task failed for good.
	 *
	 * @param failure why
	 */
	record Failed(Throwable failure) implements RunOutcome {
	}

	/**
	 * The task cannot run (an unknown task, a poison pill); it ends as {@code error} with
	 * the message.
	 *
	 * @param message why
	 */
	record Refused(String message) implements RunOutcome {
	}

	/**
	 * The task was cancelled.
	 *
	 * @param reason why
	 */
	record Cancelled(String reason) implements RunOutcome {
	}

	/**
	 * The attempt failed and another one follows; the task waits in the engine until
	 * then, holding no worker.
	 *
	 * @param dueAt when the next attempt may start, as the run saw it
	 * @param pause the backoff: the record's due time is this long after the attempt's
	 * end as the record states it
	 * @param failure why the attempt failed
	 */
	record RetryAt(Instant dueAt, Duration pause, Throwable failure) implements RunOutcome {
	}

	/**
	 * The task goes back to the queue without an outcome and without using a retry.
	 *
	 * @param why what made the worker hand it back
	 * @param cause the failure behind it, or {@code null}
	 */
	record HandedBack(String why, @Nullable Throwable cause) implements RunOutcome {
	}

	/**
	 * The claim was lost to another worker; nothing is recorded.
	 */
	record Lost() implements RunOutcome {
	}

}

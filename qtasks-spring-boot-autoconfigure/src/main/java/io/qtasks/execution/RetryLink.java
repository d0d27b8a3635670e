package io.qtasks.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.retry.TaskRetries;
import io.qtasks.retry.TaskRetryPolicy;

/**
 * Retries with spring-retry, without a thread that sleeps: a failed attempt that the
 * task's retry policy retries becomes a {@link RunOutcome.RetryAt}, and the task waits in
 * the engine for the pause its back-off policy asks for. The count of retries used is in
 * the record, so the next attempt may run on any node.
 *
 * @author QTasks contributors
 */
final class RetryLink implements ExecutionLink {

	private final TaskRetries retries;

	private final TaskTransitions transitions;

	RetryLink(TaskRetries retries, TaskTransitions transitions) {
		this.retries = retries;
		this.transitions = transitions;
	}

	private static boolean pastTimeout(Execution execution, Instant dueAt) {
		Duration timeout = execution.definition.timeout();
		Instant startedAt = TaskExtras.startedAt(execution.records.current());
		return timeout != null && startedAt != null && !dueAt.isBefore(startedAt.plus(timeout));
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		try {
			return next.proceed();
		}
		catch (Exception failure) {
			if (execution.run.isStopRequested() || TaskRetryPolicy.isNeverRetried(failure)) {
				throw failure;
			}
			int failedAttempts = TaskExtras.retried(execution.records.current()) + 1;
			Optional<Duration> pause = this.retries.retryAfter(execution.definition, failure, failedAttempts);
			if (pause.isEmpty()) {
				throw failure;
			}
			Instant dueAt = this.transitions.now().plus(pause.get());
			if (pastTimeout(execution, dueAt)) {
				// the next attempt would start after the run's timeout: it times out now
				execution.run.timeOut(execution.definition.timeout());
				throw failure;
			}
			if (execution.run.finish()) {
				throw failure;
			}
			return new RunOutcome.RetryAt(dueAt, pause.get(), failure);
		}
	}

}

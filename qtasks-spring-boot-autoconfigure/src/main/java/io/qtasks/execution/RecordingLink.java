package io.qtasks.execution;

import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;

import io.qtasks.engine.LogSafe;
import io.qtasks.Task;
import io.qtasks.engine.EngineWriteException;
import io.qtasks.engine.Failures;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.WriteResult;

/**
 * Records the outcome of the rest of the chain: a final record for success, error and
 * cancel; the retry's pause in the engine; a hand-back to the queue. It answers the
 * outcome that was actually recorded: {@link RunOutcome.Lost} when the claim was lost,
 * {@link RunOutcome.HandedBack} when the engine could not store the outcome (the task
 * then runs again: the engine's failure is not the task's), and
 * {@link RunOutcome.Cancelled} when a cancel request came before a hand-back.
 *
 * @author QTasks contributors
 */
final class RecordingLink implements ExecutionLink {

	private static final Logger logger = LoggerFactory.getLogger(RecordingLink.class);

	private final TaskTransitions transitions;

	RecordingLink(TaskTransitions transitions) {
		this.transitions = transitions;
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		RunOutcome outcome = next.proceed();
		execution.run.finish();
		try {
			return record(execution, outcome);
		}
		catch (EngineWriteException ex) {
			return handBackAfterFailure(execution, ex);
		}
	}

	private RunOutcome record(Execution execution, RunOutcome outcome) {
		TaskRecordWriter records = execution.records;
		Task current = records.current();
		if (outcome instanceof RunOutcome.Succeeded succeeded) {
			Task done = (succeeded.progress() != null) ? this.transitions.progressed(current, succeeded.progress())
					: current;
			logger.debug("Task {} ({}) succeeded", current.uuid(), LogSafe.text(current.taskName()));
			return complete(records, this.transitions.succeeded(done, succeeded.result()), outcome);
		}
		if (outcome instanceof RunOutcome.Failed failed) {
			logger.warn("Task {} ({}) failed after {} attempt(s): {}", current.uuid(), LogSafe.text(current.taskName()),
					current.attempt(), LogSafe.text(Failures.describe(failed.failure())));
			return complete(records, this.transitions.failed(current, failed.failure()), outcome);
		}
		if (outcome instanceof RunOutcome.Refused refused) {
			logger.warn("Task {} failed: {}", current.uuid(), LogSafe.text(refused.message()));
			return complete(records, this.transitions.failed(current, refused.message()), outcome);
		}
		if (outcome instanceof RunOutcome.Cancelled cancelled) {
			return cancel(records, current, cancelled.reason());
		}
		if (outcome instanceof RunOutcome.RetryAt retry) {
			return retry(execution, current, retry);
		}
		if (outcome instanceof RunOutcome.HandedBack handedBack) {
			return handBack(records, current, handedBack);
		}
		logger.warn("Task {} ({}): its claim was lost to another worker; this run's outcome is discarded",
				current.uuid(), LogSafe.text(current.taskName()));
		return outcome;
	}

	private RunOutcome cancel(TaskRecordWriter records, Task current, String reason) {
		logger.info("Task {} was canceled due to: {}", current.uuid(), LogSafe.text(reason));
		return complete(records, this.transitions.cancelled(current, reason), new RunOutcome.Cancelled(reason));
	}

	private RunOutcome retry(Execution execution, Task current, RunOutcome.RetryAt retry) {
		Task waiting = this.transitions.retryingAfter(current, retry.failure(), retry.pause());
		Instant dueAt = Objects.requireNonNull(TaskExtras.dueAt(waiting));
		WriteResult result = execution.records.release(waiting, dueAt);
		if (result.kind() == WriteResult.Kind.CANCEL_REQUESTED) {
			return cancel(execution.records, current, result.cancelReason());
		}
		if (!result.written()) {
			return lost(waiting);
		}
		execution.observation().retried(current.attempt());
		logger.info("Task {} ({}) attempt {} failed, retrying at {}: {}", current.uuid(),
				LogSafe.text(current.taskName()), current.attempt(), dueAt,
				LogSafe.text(Failures.describe(retry.failure())));
		return retry;
	}

	private RunOutcome handBack(TaskRecordWriter records, Task current, RunOutcome.HandedBack handedBack) {
		WriteResult result = records.release(this.transitions.handedBack(current, handedBack.why()), null);
		if (result.kind() == WriteResult.Kind.CANCEL_REQUESTED) {
			return cancel(records, current, result.cancelReason());
		}
		if (!result.written()) {
			return lost(current);
		}
		logger.info("Task {} ({}) goes back to the queue: {}", current.uuid(), LogSafe.text(current.taskName()),
				LogSafe.text(handedBack.why()));
		return handedBack;
	}

	/**
	 * The engine failed while the outcome was being stored: the failure is not the
	 * task's, so no outcome is recorded. The task goes back to the queue, or, when the
	 * engine cannot take it back either, runs again once its claim runs out. (When the
	 * engine did store the outcome and only its reply was lost, the hand-back is refused
	 * and the outcome stands.)
	 */
	private RunOutcome handBackAfterFailure(Execution execution, EngineWriteException failure) {
		Task current = execution.records.current();
		RunOutcome.HandedBack handedBack = new RunOutcome.HandedBack(
				"the engine could not store its outcome (" + rootCause(failure) + ")", failure);
		try {
			return handBack(execution.records, current, handedBack);
		}
		catch (EngineWriteException ex) {
			logger.warn(
					"Task {} ({}) stopped: the engine could not store its outcome ({}) nor take the task back; it"
							+ " runs again once its claim runs out",
					current.uuid(), LogSafe.text(current.taskName()), rootCause(failure));
			return handedBack;
		}
	}

	private RunOutcome complete(TaskRecordWriter records, Task record, RunOutcome outcome) {
		return records.complete(record).written() ? outcome : lost(record);
	}

	private static RunOutcome lost(Task record) {
		logger.warn("Task {} ({}) ended as {}, but its claim was lost to another worker; the outcome is discarded",
				record.uuid(), LogSafe.text(record.taskName()), record.status());
		return new RunOutcome.Lost();
	}

	private static String rootCause(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure).toString();
	}

}

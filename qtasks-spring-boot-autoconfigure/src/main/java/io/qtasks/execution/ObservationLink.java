package io.qtasks.execution;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.observation.ObservationFailures;
import io.qtasks.observation.TaskExecution;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.observation.TaskOutcome;

/**
 * Observes the whole run, from the claim to the recorded outcome, as one Micrometer
 * observation that continues the trace of the enqueue.
 *
 * @author QTasks contributors
 */
final class ObservationLink implements ExecutionLink {

	private final TaskInstrumentation instrumentation;

	private final TaskTransitions transitions;

	ObservationLink(TaskInstrumentation instrumentation, TaskTransitions transitions) {
		this.instrumentation = instrumentation;
		this.transitions = transitions;
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		TaskExecution observation = start(execution.delivery.task());
		execution.observedBy(observation);
		try {
			RunOutcome outcome = next.proceed();
			observation.outcome(outcome(outcome), failure(outcome));
			return outcome;
		}
		finally {
			stop(observation, execution.delivery.task());
		}
	}

	/**
	 * Starts the observation of a run.
	 * @param claimed the record as claimed
	 * @return the open observation
	 */
	TaskExecution start(Task claimed) {
		try {
			return this.instrumentation.startExecution(claimed, waited(claimed));
		}
		catch (RuntimeException ex) {
			ObservationFailures.report("start the execution of task " + claimed.uuid(), ex);
			return TaskExecution.none();
		}
	}

	/**
	 * Ends the observation of a run; a handler that throws changes nothing for the task.
	 * @param observation the observation
	 * @param claimed the record as claimed
	 */
	static void stop(TaskExecution observation, Task claimed) {
		try {
			observation.stop();
		}
		catch (RuntimeException ex) {
			ObservationFailures.report("stop the execution of task " + claimed.uuid(), ex);
		}
	}

	static TaskOutcome outcome(RunOutcome outcome) {
		if (outcome instanceof RunOutcome.Succeeded) {
			return TaskOutcome.SUCCESS;
		}
		if (outcome instanceof RunOutcome.Cancelled) {
			return TaskOutcome.CANCEL;
		}
		if (outcome instanceof RunOutcome.RetryAt) {
			return TaskOutcome.RETRY;
		}
		if (outcome instanceof RunOutcome.HandedBack) {
			return TaskOutcome.RELEASED;
		}
		if (outcome instanceof RunOutcome.Lost) {
			return TaskOutcome.LOST;
		}
		return TaskOutcome.ERROR;
	}

	private static @Nullable Throwable failure(RunOutcome outcome) {
		if (outcome instanceof RunOutcome.Failed failed) {
			return failed.failure();
		}
		return (outcome instanceof RunOutcome.RetryAt retry) ? retry.failure() : null;
	}

	private Duration waited(Task claimed) {
		Instant queuedAt = TaskExtras.queuedAt(claimed);
		Instant now = this.transitions.now();
		return (queuedAt != null && queuedAt.isBefore(now)) ? Duration.between(queuedAt, now) : Duration.ZERO;
	}

}

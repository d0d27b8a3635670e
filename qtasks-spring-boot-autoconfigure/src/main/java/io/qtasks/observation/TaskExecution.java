package io.qtasks.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * The observation of one execution of a task by a worker, open on the worker thread from
 * the start of the run to its end. Tell it the attempts and the outcome as the run goes
 * on, and {@link #stop()} it at the end, on the same thread.
 *
 * @author QTasks contributors
 */
public final class TaskExecution {

	static final TaskExecution NONE = new TaskExecution(null, TaskMetrics.NONE, Observation.NOOP, null);

	private final @Nullable Task task;

	private final TaskMetrics metrics;

	private final Observation observation;

	private final @Nullable TaskExecutionContext context;

	private final Observation.@Nullable Scope scope;

	private @Nullable Throwable error;

	/**
	 * An execution that observes and counts nothing.
	 * @return the execution
	 */
	public static TaskExecution none() {
		return NONE;
	}

	TaskExecution(@Nullable Task task, TaskMetrics metrics, Observation observation,
			@Nullable TaskExecutionContext context) {
		this.task = task;
		this.metrics = metrics;
		this.observation = observation;
		this.context = context;
		this.scope = (observation.isNoop()) ? null : observation.start().openScope();
	}

	/**
	 * An attempt begins.
	 * @param number the attempt's number
	 */
	public void attempt(int number) {
		if (this.context != null) {
			this.context.setAttempt(number);
		}
	}

	/**
	 * An attempt failed and another one follows.
	 * @param failedAttempt the number of the attempt that failed
	 */
	public void retried(int failedAttempt) {
		this.metrics.retried(this.task, failedAttempt);
	}

	/**
	 * Records how the execution ended.
	 * @param outcome the outcome
	 * @param error the failure of an {@code error} outcome, or {@code null}
	 */
	public void outcome(TaskOutcome outcome, @Nullable Throwable error) {
		if (this.context != null) {
			this.context.setOutcome(outcome);
		}
		this.error = error;
	}

	/**
	 * Ends the observation with the outcome recorded last ({@code error} when none was).
	 */
	public void stop() {
		if (this.scope == null) {
			return;
		}
		if (this.context.getOutcome() == null) {
			this.context.setOutcome(TaskOutcome.ERROR);
		}
		if (this.error != null) {
			this.observation.error(this.error);
		}
		this.scope.close();
		this.observation.stop();
	}

}

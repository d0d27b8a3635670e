package io.qtasks.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * The context of a task's execution observation. Its carrier is the claimed record, whose
 * {@code extra.trace} holds the trace context of the enqueue.
 *
 * @author QTasks contributors
 */
public class TaskExecutionContext extends ReceiverContext<Task> {

	private final Task task;

	private @Nullable TaskOutcome outcome;

	private int attempt;

	/**
	 * Creates the context of one execution.
	 * @param task the claimed record
	 */
	public TaskExecutionContext(Task task) {
		super(TaskExecutionContext::traceEntry, Kind.CONSUMER);
		this.task = task;
		this.attempt = task.attempt();
		setCarrier(task);
		setRemoteServiceName("qtasks");
	}

	/**
	 * The record as it was claimed.
	 * @return the record
	 */
	public Task getTask() {
		return this.task;
	}

	/**
	 * How the execution ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable TaskOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how the execution ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(TaskOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * The number of the attempt running or last run.
	 * @return the attempt number
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Records the number of the attempt running or last run.
	 * @param attempt the attempt number
	 */
	public void setAttempt(int attempt) {
		this.attempt = attempt;
	}

	private static @Nullable String traceEntry(Task task, String key) {
		if (task.extra().get(TaskInstrumentation.TRACE) instanceof Map<?, ?> trace) {
			Object value = trace.get(key);
			return (value != null) ? value.toString() : null;
		}
		return null;
	}

}

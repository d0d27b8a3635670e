package io.qtasks.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.context.TaskRun;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.invocation.TaskProgress;
import io.qtasks.retry.TaskRetryPolicy;

/**
 * One attempt, the step inside all links: records {@code process} with the attempt's
 * number (unless the claim already stored it, see
 * {@link io.qtasks.engine.TaskDelivery#claimRecordedStart()}), invokes the task within
 * its timeout, and answers its result. A run that was cancelled or timed out before the
 * task returned ends by that, whatever it returned.
 *
 * @author QTasks contributors
 */
final class AttemptStep implements ExecutionLink {

	private final TaskInvoker invoker;

	private final TaskTransitions transitions;

	private final RunTimer timer;

	private final Duration progressInterval;

	AttemptStep(TaskInvoker invoker, TaskTransitions transitions, RunTimer timer, Duration progressInterval) {
		this.invoker = invoker;
		this.transitions = transitions;
		this.timer = timer;
		this.progressInterval = progressInterval;
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		TaskRun run = execution.run;
		if (run.isStopRequested()) {
			throw run.stopException();
		}
		boolean generator = TaskInvoker.isGenerator(execution.definition);
		Task started = execution.records.start((current) -> this.transitions.started(current, generator, run.node()),
				generator, run.node());
		execution.context.setAttempt(started.attempt());
		execution.observation().attempt(started.attempt());
		ProgressReporter progress = generator
				? new ProgressReporter(execution.records, this.transitions, run, this.timer, this.progressInterval)
				: null;
		Future<?> timeout = scheduleTimeout(execution, started);
		try {
			Object result = this.invoker.invoke(execution.definition, started, execution.self, execution.context,
					(progress != null) ? progress : TaskProgress.NONE, run.slot()::release);
			if (run.finish() && (run.cancelReason() != null || run.isTimedOut())) {
				// cancelled or timed out before the outcome was fixed: that wins over the
				// value; a shutdown does not, since the work is done
				throw run.stopException();
			}
			return new RunOutcome.Succeeded(result, (progress != null) ? progress.count() : null);
		}
		catch (Exception failure) {
			throw asStopped(run, failure);
		}
		finally {
			if (timeout != null) {
				timeout.cancel(false);
			}
			if (progress != null) {
				progress.close();
			}
		}
	}

	/**
	 * The timeout bounds the whole run, counted from its first attempt: every attempt and
	 * the pauses between them.
	 */
	private @Nullable Future<?> scheduleTimeout(Execution execution, Task started) {
		Duration timeout = execution.definition.timeout();
		Instant startedAt = TaskExtras.startedAt(started);
		if (timeout == null || startedAt == null) {
			return null;
		}
		Duration left = Duration.between(this.transitions.now(), startedAt.plus(timeout));
		return this.timer.schedule(() -> execution.run.timeOut(timeout), left.isNegative() ? Duration.ZERO : left);
	}

	/**
	 * A failure of a run that was asked to stop becomes the stop's exception (with the
	 * failure attached), so that a task that turned the interrupt into some other
	 * exception is not retried.
	 */
	private static Exception asStopped(TaskRun run, Exception failure) {
		if (!run.isStopRequested() || TaskRetryPolicy.isNeverRetried(failure)) {
			return failure;
		}
		RuntimeException stopped = run.stopException();
		stopped.addSuppressed(failure);
		return stopped;
	}

}

package io.qtasks.execution;

import org.springframework.core.NestedExceptionUtils;

import io.qtasks.context.TaskRun;
import io.qtasks.context.TaskTimeoutException;
import io.qtasks.engine.ClaimLostException;
import io.qtasks.engine.EngineWriteException;

/**
 * The standard mapping of failures to outcomes: a lost claim records nothing; an engine
 * that cannot store the run's state, or a worker that shuts down, hands the task back
 * (neither is the task's failure); a cancel request ends it as {@code cancel}, a timeout
 * as {@code error} with a {@link TaskTimeoutException}; anything else as {@code error}
 * with the failure.
 *
 * @author QTasks contributors
 */
public class DefaultTaskErrorHandler implements TaskErrorHandler {

	@Override
	public RunOutcome handle(TaskRun run, Throwable failure) {
		if (failure instanceof ClaimLostException || run.isClaimLost()) {
			return new RunOutcome.Lost();
		}
		if (failure instanceof EngineWriteException) {
			return new RunOutcome.HandedBack(
					"the engine could not store its state (" + NestedExceptionUtils.getMostSpecificCause(failure) + ")",
					failure);
		}
		if (run.isShutdown() && run.cancelReason() == null) {
			return new RunOutcome.HandedBack("the worker shut down", null);
		}
		String reason = run.cancelReason();
		if (reason != null) {
			return new RunOutcome.Cancelled(reason);
		}
		if (run.isTimedOut() && !(failure instanceof TaskTimeoutException)) {
			RuntimeException timedOut = run.stopException();
			timedOut.addSuppressed(failure);
			return new RunOutcome.Failed(timedOut);
		}
		return new RunOutcome.Failed(failure);
	}

}

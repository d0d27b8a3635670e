package io.qtasks.execution;

import io.qtasks.context.TaskRun;

/**
 * Maps what went wrong in a run to its outcome, after retries were considered: failures a
 * retry took care of never reach it. Declare a bean of this type to replace
 * {@link DefaultTaskErrorHandler}.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface TaskErrorHandler {

	/**
	 * Decides a failed run's outcome.
	 * @param run the run's control state (cancel, timeout and shutdown requests)
	 * @param failure what the run threw
	 * @return the outcome to record
	 */
	RunOutcome handle(TaskRun run, Throwable failure);

}

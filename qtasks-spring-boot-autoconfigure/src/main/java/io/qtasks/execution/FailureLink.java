package io.qtasks.execution;

/**
 * Turns whatever the run throws into an outcome, through the {@link TaskErrorHandler}.
 * The run's outcome is fixed first, so that a stop request arriving now changes nothing.
 *
 * @author QTasks contributors
 */
final class FailureLink implements ExecutionLink {

	private final TaskErrorHandler errorHandler;

	FailureLink(TaskErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) {
		try {
			return next.proceed();
		}
		catch (Throwable failure) {
			execution.run.finish();
			return this.errorHandler.handle(execution.run, failure);
		}
	}

}

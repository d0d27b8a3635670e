package io.qtasks.execution;

import org.slf4j.MDC;

import io.qtasks.context.TaskContextHolder;

/**
 * Makes the run current on its thread: the run is bound to the thread (so that cancel,
 * timeout and shutdown can interrupt it), its {@code TaskContext} and task-scoped beans
 * are active, and the MDC names the task.
 *
 * @author QTasks contributors
 */
final class ContextLink implements ExecutionLink {

	/**
	 * MDC key holding the running task's name.
	 */
	static final String MDC_TASK_NAME = "taskName";

	/**
	 * MDC key holding the running task's uuid.
	 */
	static final String MDC_TASK_UUID = "taskUuid";

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		execution.run.attach(Thread.currentThread());
		MDC.put(MDC_TASK_NAME, execution.definition.name());
		MDC.put(MDC_TASK_UUID, execution.run.uuid().toString());
		try (TaskContextHolder.Activation activation = TaskContextHolder.activate(execution.context)) {
			return next.proceed();
		}
		finally {
			MDC.remove(MDC_TASK_NAME);
			MDC.remove(MDC_TASK_UUID);
			execution.run.detach();
		}
	}

}

package io.qtasks.observation;

import io.micrometer.common.KeyValues;

import io.qtasks.observation.TaskObservationDocumentation.HighCardinalityKeyNames;
import io.qtasks.observation.TaskObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default naming of the execution observation: {@code qtasks.task.execution}, tagged
 * with the task's name and, once it has ended, the outcome; spans are named
 * {@code execute <task>} and carry the task's uuid and last attempt.
 *
 * @author QTasks contributors
 */
public class DefaultTaskExecutionObservationConvention implements TaskExecutionObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "qtasks.task.execution";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TaskExecutionContext context) {
		return "execute " + context.getTask().taskName();
	}

	/**
	 * The task's name, and once the execution has ended its outcome (so the timer of
	 * running executions is tagged with the task only).
	 */
	@Override
	public KeyValues getLowCardinalityKeyValues(TaskExecutionContext context) {
		KeyValues keyValues = KeyValues.of(LowCardinalityKeyNames.TASK_NAME.withValue(context.getTask().taskName()));
		TaskOutcome outcome = context.getOutcome();
		return (outcome != null) ? keyValues.and(LowCardinalityKeyNames.OUTCOME.withValue(outcome.value())) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskExecutionContext context) {
		return KeyValues.of(HighCardinalityKeyNames.TASK_UUID.withValue(context.getTask().uuid().toString()),
				HighCardinalityKeyNames.ATTEMPT.withValue(String.valueOf(context.getAttempt())));
	}

}

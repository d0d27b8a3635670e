package io.qtasks.observation;

import io.micrometer.common.KeyValues;

import io.qtasks.observation.TaskObservationDocumentation.HighCardinalityKeyNames;
import io.qtasks.observation.TaskObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default naming of the execution observation: {@code qtasks.task.execution}, tagged
 * with the task's name and the outcome; spans are named {@code execute <task>} and carry
 * the task's uuid and last attempt.
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

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskExecutionContext context) {
		return KeyValues.of(LowCardinalityKeyNames.TASK_NAME.withValue(context.getTask().taskName()),
				LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().value()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskExecutionContext context) {
		return KeyValues.of(HighCardinalityKeyNames.TASK_UUID.withValue(context.getTask().uuid().toString()),
				HighCardinalityKeyNames.ATTEMPT.withValue(String.valueOf(context.getAttempt())));
	}

}

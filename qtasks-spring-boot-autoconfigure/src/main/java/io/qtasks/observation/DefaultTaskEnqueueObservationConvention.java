package io.qtasks.observation;

import io.micrometer.common.KeyValues;

import io.qtasks.observation.TaskObservationDocumentation.HighCardinalityKeyNames;
import io.qtasks.observation.TaskObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default naming of the enqueue observation: {@code qtasks.task.enqueue}, tagged with
 * the task's name; spans are named {@code enqueue <task>} and carry the task's uuid.
 *
 * @author QTasks contributors
 */
public class DefaultTaskEnqueueObservationConvention implements TaskEnqueueObservationConvention {

	/**
	 * The observation's name.
	 */
	public static final String NAME = "qtasks.task.enqueue";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TaskEnqueueContext context) {
		return "enqueue " + context.getTask().taskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskEnqueueContext context) {
		return KeyValues.of(LowCardinalityKeyNames.TASK_NAME.withValue(context.getTask().taskName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskEnqueueContext context) {
		return KeyValues.of(HighCardinalityKeyNames.TASK_UUID.withValue(context.getTask().uuid().toString()));
	}

}

package io.qtasks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the enqueue observation. Declare a bean of this type to replace or
 * extend {@link DefaultTaskEnqueueObservationConvention}.
 *
 * @author QTasks contributors
 */
public interface TaskEnqueueObservationConvention extends ObservationConvention<TaskEnqueueContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskEnqueueContext;
	}

}

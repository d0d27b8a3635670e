package io.qtasks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the execution observation. Declare a bean of this type to replace or
 * extend {@link DefaultTaskExecutionObservationConvention}.
 *
 * @author QTasks contributors
 */
public interface TaskExecutionObservationConvention extends ObservationConvention<TaskExecutionContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskExecutionContext;
	}

}

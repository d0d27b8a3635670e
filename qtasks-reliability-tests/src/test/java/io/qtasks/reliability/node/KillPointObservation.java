package io.qtasks.reliability.node;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.observation.TaskExecutionContext;

/**
 * The {@link KillPoints#BEFORE_PROCESS} kill point: an observation handler whose
 * {@code onStart} halts the JVM. A run's observation starts after the claim and before
 * the run writes {@code process}, so the node dies holding a claim on a task that is
 * still {@code new}.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "reliability.kill-point", havingValue = KillPoints.BEFORE_PROCESS)
class KillPointObservation {

	@Bean
	ObservationRegistry observationRegistry(KillPoints killPoints) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				TaskExecutionContext execution = (TaskExecutionContext) context;
				if (KillPoints.TASK.equals(execution.getTask().taskName())) {
					killPoints.reached(KillPoints.BEFORE_PROCESS, execution.getTask().uuid());
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof TaskExecutionContext;
			}

		});
		return registry;
	}

}

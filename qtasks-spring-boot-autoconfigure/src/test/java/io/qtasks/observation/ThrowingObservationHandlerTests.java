package io.qtasks.observation;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.test.QTasksContextRunner;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An observation handler that throws decides nothing for the tasks: they are enqueued and
 * run as without it.
 *
 * @author QTasks contributors
 */
class ThrowingObservationHandlerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aThrowingHandlerNeitherFailsEnqueuesNorRuns() {
		for (String phase : new String[] { "start", "stop" }) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new Throwing(phase));
			runner(registry).run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				Task done = qtasks.task("double").args(21).addAndWait(WAIT);
				assertThat(done.status()).as("on %s", phase).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).isEqualTo(42);
				assertThat(done.extra()).doesNotContainKey("deliveries");
				assertThat(context.getBean(QTasksWorker.class).isClaiming()).isTrue();
			});
		}
	}

	private static ApplicationContextRunner runner(ObservationRegistry registry) {
		return QTasksContextRunner.create().withBean(ObservationRegistry.class, () -> registry).withBean(Tasks.class);
	}

	static class Tasks {

		@QTask("double")
		public int twice(int value) {
			return value * 2;
		}

	}

	/**
	 * Throws when an observation starts or stops.
	 */
	private record Throwing(String phase) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (this.phase.equals("start")) {
				throw new IllegalStateException("a handler that fails on start");
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			if (this.phase.equals("stop")) {
				throw new IllegalStateException("a handler that fails on stop");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}

package io.qtasks.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations QTasks makes: the enqueue of a task by a client and its execution by a
 * worker. With Spring Boot's metrics they become timers of the same names; with a tracer,
 * spans whose trace context travels inside the task, so that the execution is a child of
 * the enqueue (also across nodes).
 *
 * @author QTasks contributors
 */
public enum TaskObservationDocumentation implements ObservationDocumentation {

	/**
	 * A client enqueues a task ({@code QTasks.addTask}, {@code TaskRequest.add}).
	 */
	TASK_ENQUEUE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskEnqueueObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TASK_NAME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeyNames.TASK_UUID };
		}

	},

	/**
	 * A worker runs a task, across all its attempts.
	 */
	TASK_EXECUTION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskExecutionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.TASK_NAME, LowCardinalityKeyNames.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeyNames.TASK_UUID, HighCardinalityKeyNames.ATTEMPT };
		}

	};

	/**
	 * Keys of few values, fit for metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The task's name.
		 */
		TASK_NAME {

			@Override
			public String asString() {
				return "task";
			}

		},

		/**
		 * How the execution ended: {@code success}, {@code error}, {@code cancel},
		 * {@code released} (handed back to the queue at shutdown) or {@code lost} (the
		 * claim passed to another worker). Only set once the execution has ended.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

	/**
	 * Keys of many values, for spans only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The task's uuid.
		 */
		TASK_UUID {

			@Override
			public String asString() {
				return "task.uuid";
			}

		},

		/**
		 * The number of the last attempt of the execution.
		 */
		ATTEMPT {

			@Override
			public String asString() {
				return "task.attempt";
			}

		}

	}

}

package io.qtasks.execution;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskSelf;
import io.qtasks.context.DefaultTaskContext;
import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.observation.TaskExecution;

/**
 * The state of one delivery's run, shared by the links of the chain.
 *
 * @author QTasks contributors
 */
final class Execution {

	final TaskDelivery delivery;

	final TaskRun run;

	final TaskDefinition definition;

	final DefaultTaskContext context;

	final @Nullable TaskSelf self;

	final TaskRecordWriter records;

	private @Nullable TaskExecution observation;

	Execution(TaskDelivery delivery, TaskRun run, TaskDefinition definition, DefaultTaskContext context,
			@Nullable TaskSelf self, TaskRecordWriter records) {
		this.delivery = delivery;
		this.run = run;
		this.definition = definition;
		this.context = context;
		this.self = self;
		this.records = records;
	}

	void observedBy(TaskExecution observation) {
		this.observation = observation;
	}

	TaskExecution observation() {
		return Objects.requireNonNullElse(this.observation, TaskExecution.none());
	}

}

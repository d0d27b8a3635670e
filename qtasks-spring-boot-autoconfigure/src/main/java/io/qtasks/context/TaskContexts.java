package io.qtasks.context;

import java.util.function.Supplier;

import io.qtasks.QTasks;
import io.qtasks.config.QTasksProperties;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.engine.TaskEngine;

/**
 * Creates the {@link DefaultTaskContext} of each run, with what a task can reach through
 * it: the records, the bound configuration, the components by name and the client.
 *
 * @author QTasks contributors
 */
public class TaskContexts {

	private final TaskEngine engine;

	private final QTasksProperties config;

	private final TaskComponents components;

	private final Supplier<QTasks> client;

	/**
	 * Creates the factory.
	 * @param engine where records are read
	 * @param config the bound {@code qtasks.*} configuration, handed to tasks
	 * @param components the components tasks can look up
	 * @param client the client for nested tasks, looked up when first needed
	 */
	public TaskContexts(TaskEngine engine, QTasksProperties config, TaskComponents components,
			Supplier<QTasks> client) {
		this.engine = engine;
		this.config = config;
		this.components = components;
		this.client = client;
	}

	/**
	 * The context of a run.
	 * @param run the run's control state
	 * @param definition the task
	 * @return the context
	 */
	public DefaultTaskContext create(TaskRun run, TaskDefinition definition) {
		return new DefaultTaskContext(run, definition, this.engine, this.config, this.components);
	}

	/**
	 * The client that nested tasks are enqueued through.
	 * @return the client
	 */
	public QTasks client() {
		return this.client.get();
	}

}

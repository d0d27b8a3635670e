package io.qtasks.context;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.GenerateHandler;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.config.QTasksProperties;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.engine.TaskEngine;

/**
 * The {@link TaskContext} of one run on a worker.
 *
 * @author QTasks contributors
 */
public class DefaultTaskContext implements TaskContext {

	/**
	 * The prefix of task loggers' names: a task's logger is this followed by its name.
	 */
	public static final String LOGGER_PREFIX = "qtasks.task.";

	private final TaskRun run;

	private final TaskDefinition definition;

	private final TaskEngine engine;

	private final QTasksProperties properties;

	private final TaskComponents components;

	private volatile int attempt;

	/**
	 * Creates the context of a run.
	 * @param run the run's control state
	 * @param definition the task being run
	 * @param engine where records are read
	 * @param properties the configuration
	 * @param components the components reachable by name
	 */
	public DefaultTaskContext(TaskRun run, TaskDefinition definition, TaskEngine engine, QTasksProperties properties,
			TaskComponents components) {
		this.run = run;
		this.definition = definition;
		this.engine = engine;
		this.properties = properties;
		this.components = components;
	}

	/**
	 * Sets the number of the attempt that is starting.
	 * @param attempt the attempt, from 1
	 */
	public void setAttempt(int attempt) {
		this.attempt = attempt;
	}

	@Override
	public UUID taskUuid() {
		return this.run.uuid();
	}

	@Override
	public String taskName() {
		return this.definition.name();
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public Logger getLogger() {
		return LoggerFactory.getLogger(LOGGER_PREFIX + this.definition.name());
	}

	@Override
	public Logger getLogger(String name) {
		return LoggerFactory.getLogger(name);
	}

	@Override
	public void sleep(Duration duration) {
		if (this.run.isStopRequested()) {
			throw this.run.stopException();
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw this.run.stopException();
		}
	}

	@Override
	public void cancel(String reason) {
		this.run.cancelFromInside(reason);
		throw this.run.stopException();
	}

	@Override
	public QTasksProperties getConfig() {
		return this.properties;
	}

	@Override
	public Object getComponent(String name) {
		return this.components.get(name);
	}

	@Override
	public Optional<Task> getTask(UUID uuid) {
		return this.engine.find(uuid);
	}

	@Override
	public Task getMetadata() {
		return this.engine.find(this.run.uuid())
			.orElseThrow(() -> new IllegalStateException("The record of task " + this.run.uuid() + " is gone"));
	}

	@Override
	public Optional<GenerateHandler> generateHandler() {
		return Optional.ofNullable(this.definition.generateHandler());
	}

	@Override
	public String toString() {
		return "TaskContext(taskName=" + taskName() + ", taskUuid=" + taskUuid() + ", attempt=" + this.attempt + ")";
	}

}

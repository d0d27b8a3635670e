package io.qtasks.invocation;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskDecoder;
import io.qtasks.TaskRequest;
import io.qtasks.TaskSelf;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.middleware.TaskMiddleware;

/**
 * The {@link TaskSelf} passed to an {@code echo = true} task: its definition, the run's
 * context and the client for nested tasks.
 *
 * @author QTasks contributors
 */
public class DefaultTaskSelf implements TaskSelf {

	private final TaskDefinition definition;

	private final TaskContext context;

	private final QTasks client;

	/**
	 * Creates the self of a run.
	 * @param definition the task
	 * @param context the run's context
	 * @param client the client that enqueues nested tasks
	 */
	public DefaultTaskSelf(TaskDefinition definition, TaskContext context, QTasks client) {
		this.definition = definition;
		this.context = context;
		this.client = client;
	}

	@Override
	public String taskName() {
		return this.definition.name();
	}

	@Override
	public List<String> tags() {
		return this.definition.tags();
	}

	@Override
	public int priority() {
		return this.definition.priority();
	}

	@Override
	public Map<String, String> extra() {
		return this.definition.extra();
	}

	@Override
	public int retry() {
		return this.definition.retry();
	}

	@Override
	public List<Class<? extends Throwable>> retryOn() {
		return this.definition.retryOn();
	}

	@Override
	public boolean echo() {
		return this.definition.echo();
	}

	@Override
	public TaskDecoder decode() {
		return this.definition.decoder();
	}

	@Override
	public String executor() {
		return this.definition.executor();
	}

	@Override
	public List<TaskMiddleware> middlewaresBefore() {
		return this.definition.middlewaresBefore();
	}

	@Override
	public List<TaskMiddleware> middlewaresAfter() {
		return this.definition.middlewaresAfter();
	}

	@Override
	public TaskContext ctx() {
		return this.context;
	}

	@Override
	public Task addTask(String taskName, @Nullable Object @Nullable ... args) {
		return this.client.addTask(taskName, args);
	}

	@Override
	public TaskRequest task(String taskName) {
		return this.client.task(taskName);
	}

	@Override
	public String toString() {
		return "TaskSelf(taskName=" + taskName() + ", uuid=" + this.context.taskUuid() + ")";
	}

}

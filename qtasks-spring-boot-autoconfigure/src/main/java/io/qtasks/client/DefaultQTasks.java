package io.qtasks.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.broker.TaskBroker;
import io.qtasks.config.QTasksProperties;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonArguments;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.storage.TaskStorage;

/**
 * The {@link QTasks} client over a broker and its storage.
 *
 * @author QTasks contributors
 */
public class DefaultQTasks implements QTasks {

	private final TaskBroker broker;

	private final TaskStorage storage;

	private final TaskDefinitionRegistry registry;

	private final TaskJsonMapper json;

	private final QTasksProperties properties;

	private final Clock clock;

	private final TaskInstrumentation instrumentation;

	private final Consumer<Task> enqueuer;

	/**
	 * Creates a client that observes nothing.
	 * @param broker where tasks are enqueued
	 * @param storage where records are read
	 * @param registry the tasks this node knows (for their default priority)
	 * @param json converts arguments to JSON values
	 * @param properties the configuration (default priority)
	 * @param clock dates new records
	 */
	public DefaultQTasks(TaskBroker broker, TaskStorage storage, TaskDefinitionRegistry registry, TaskJsonMapper json,
			QTasksProperties properties, Clock clock) {
		this(broker, storage, registry, json, properties, clock, TaskInstrumentation.NONE);
	}

	/**
	 * Creates a client.
	 * @param broker where tasks are enqueued
	 * @param storage where records are read
	 * @param registry the tasks this node knows (for their default priority)
	 * @param json converts arguments to JSON values
	 * @param properties the configuration (default priority)
	 * @param clock dates new records
	 * @param instrumentation observes and counts enqueues
	 */
	public DefaultQTasks(TaskBroker broker, TaskStorage storage, TaskDefinitionRegistry registry, TaskJsonMapper json,
			QTasksProperties properties, Clock clock, TaskInstrumentation instrumentation) {
		this.broker = broker;
		this.storage = storage;
		this.registry = registry;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.instrumentation = instrumentation;
		this.enqueuer = this::send;
	}

	@Override
	public Task addTask(String taskName, Object... args) {
		return task(taskName).args(args).add();
	}

	@Override
	public TaskRequest task(String taskName) {
		Assert.hasLength(taskName, "taskName must not be empty");
		return new DefaultTaskRequest(this, taskName);
	}

	@Override
	public Optional<Task> get(UUID uuid) {
		return this.storage.find(uuid);
	}

	@Override
	public Optional<Task> waitResult(UUID uuid, Duration timeout) {
		CompletableFuture<Task> finished = this.storage.whenFinished(uuid);
		try {
			Optional<Task> current = this.storage.find(uuid);
			if (current.isEmpty() || current.get().isFinished()) {
				return current;
			}
			return Optional.of(finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Waiting for task " + uuid + " failed", ex.getCause());
		}
		finally {
			finished.cancel(false);
		}
	}

	@Override
	public CancelOutcome cancel(UUID uuid, String reason) {
		return this.broker.cancel(uuid, Objects.requireNonNullElse(reason, "canceled"));
	}

	Task enqueue(String taskName, Object[] args, Map<String, ?> kwargs, Integer priority) {
		Optional<TaskDefinition> definition = this.registry.find(taskName);
		JsonArguments arguments = this.json.toJsonArguments(args, kwargs);
		DataSize limit = this.properties.getMaxPayloadSize();
		if (limit != null && arguments.size() > limit.toBytes()) {
			throw new TaskPayloadTooLargeException("The arguments of task '" + taskName + "' take " + arguments.size()
					+ " bytes as JSON, more than qtasks.max-payload-size (" + limit.toBytes() + " bytes)");
		}
		Instant now = this.clock.instant();
		Task task = Task.builder(TaskIds.next(), taskName)
			.priority((priority != null) ? priority
					: definition.map(TaskDefinition::priority).orElse(this.properties.getDefaultPriority()))
			.retry(definition.map(TaskDefinition::retry).orElse(this.properties.getRetry().getRetries()))
			.args(arguments.args())
			.kwargs(arguments.kwargs())
			.createdAt(now)
			.updatedAt(now)
			.build();
		return this.instrumentation.enqueue(task, this.enqueuer);
	}

	private void send(Task task) {
		try {
			this.broker.enqueue(task);
		}
		catch (RuntimeException ex) {
			throw new TaskEnqueueException(task.taskName(), task.uuid(), this.broker.type(), ex);
		}
	}

	Task enqueueAndWait(String taskName, Object[] args, Map<String, ?> kwargs, Integer priority, Duration timeout) {
		Task queued = enqueue(taskName, args, kwargs, priority);
		return waitResult(queued.uuid(), timeout).or(() -> get(queued.uuid())).orElse(queued);
	}

}

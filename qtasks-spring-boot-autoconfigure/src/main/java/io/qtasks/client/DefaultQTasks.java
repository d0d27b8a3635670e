package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonArguments;
import io.qtasks.observation.TaskInstrumentation;

/**
 * The {@link QTasks} client over an engine.
 *
 * @author QTasks contributors
 */
public class DefaultQTasks implements QTasks {

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private final TaskJsonMapper json;

	private final ClientSettings settings;

	private final TaskInstrumentation instrumentation;

	private final Consumer<Task> enqueuer;

	private final EnqueuedTaskHandler enqueuedHandler;

	/**
	 * Creates a client that observes nothing.
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings) {
		this(engine, registry, json, settings, TaskInstrumentation.NONE);
	}

	/**
	 * Creates a client.
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 * @param instrumentation observes and counts enqueues
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings, TaskInstrumentation instrumentation) {
		this(engine, registry, json, settings, instrumentation, EnqueuedTaskHandler.NONE);
	}

	/**
	 * Creates a client that hands every task it stores to a handler before {@code add()}
	 * returns.
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 * @param instrumentation observes and counts enqueues
	 * @param enqueuedHandler what happens to a task just stored (the inline mode runs it)
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings, TaskInstrumentation instrumentation, EnqueuedTaskHandler enqueuedHandler) {
		this.enqueuedHandler = enqueuedHandler;
		this.engine = engine;
		this.registry = registry;
		this.json = json;
		this.settings = settings;
		this.instrumentation = instrumentation;
		this.enqueuer = this::send;
	}

	@Override
	public Task addTask(String taskName, @Nullable Object @Nullable ... args) {
		return task(taskName).args(args).add();
	}

	@Override
	public TaskRequest task(String taskName) {
		Assert.hasLength(taskName, "taskName must not be empty");
		return new DefaultTaskRequest(this, taskName);
	}

	@Override
	public Optional<Task> get(UUID uuid) {
		return this.engine.find(uuid);
	}

	@Override
	public Optional<Task> waitResult(UUID uuid, Duration timeout) {
		CompletableFuture<Task> finished = this.engine.whenFinished(uuid);
		try {
			Optional<Task> current = this.engine.find(uuid);
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
	public CancelOutcome cancel(UUID uuid, @Nullable String reason) {
		return this.engine.cancel(uuid, Objects.requireNonNullElse(reason, "canceled"));
	}

	Task enqueue(DefaultTaskRequest request) {
		String taskName = request.taskName();
		UUID chosen = request.uuid();
		if (chosen != null) {
			Optional<Task> existing = existing(chosen, taskName);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Optional<TaskDefinition> definition = this.registry.find(taskName);
		JsonArguments arguments = this.json.toJsonArguments(request.args(), request.kwargs());
		DataSize limit = this.settings.maxPayloadSize();
		if (limit != null && arguments.size() > limit.toBytes()) {
			throw new TaskPayloadTooLargeException("The arguments of task '" + taskName + "' take " + arguments.size()
					+ " bytes as JSON, more than qtasks.max-payload-size (" + limit.toBytes() + " bytes)");
		}
		Instant now = this.engine.transitions().now();
		Integer priority = request.priority();
		Task task = Task.builder((chosen != null) ? chosen : TaskIds.next(), taskName)
			.priority((priority != null) ? priority
					: definition.map(TaskDefinition::priority).orElse(this.settings.defaultPriority()))
			.retry(definition.map(TaskDefinition::retry).orElse(this.settings.defaultRetry()))
			.args(arguments.args())
			.kwargs(arguments.kwargs())
			.createdAt(now)
			.updatedAt(now)
			.build();
		Task stored;
		try {
			stored = this.instrumentation.enqueue(task, this.enqueuer);
		}
		catch (DuplicateTaskException ex) {
			// another enqueue of the same uuid won the race
			return existing(task.uuid(), taskName).orElseThrow(() -> ex);
		}
		return this.enqueuedHandler.enqueued(stored);
	}

	/**
	 * The record already stored under a caller's uuid, which must be of the same task.
	 */
	private Optional<Task> existing(UUID uuid, String taskName) {
		Optional<Task> existing = this.engine.find(uuid);
		existing.ifPresent((task) -> {
			if (!task.taskName().equals(taskName)) {
				throw new IllegalArgumentException("Cannot enqueue task '" + taskName + "' with uuid " + uuid
						+ ": that uuid belongs to task '" + task.taskName() + "'");
			}
		});
		return existing;
	}

	private void send(Task task) {
		boolean stored;
		try {
			stored = this.engine.enqueue(task, null);
		}
		catch (RuntimeException ex) {
			throw new TaskEnqueueException(task.taskName(), task.uuid(), this.engine.type(), ex);
		}
		if (!stored) {
			throw new DuplicateTaskException(task.uuid());
		}
	}

	Task enqueueAndWait(DefaultTaskRequest request, Duration timeout) {
		Task queued = enqueue(request);
		return waitResult(queued.uuid(), timeout).or(() -> get(queued.uuid())).orElse(queued);
	}

}

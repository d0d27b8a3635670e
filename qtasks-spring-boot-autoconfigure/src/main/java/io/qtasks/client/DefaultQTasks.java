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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.TaskSchedules;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonArguments;
import io.qtasks.observation.TaskInstrumentation;

/**
 * The {@link QTasks} client over an engine.
 *
 * @author QTasks contributors
 */
public class DefaultQTasks implements QTasks {

	/**
	 * How often an enqueue with a unique key is tried when the task holding the key is
	 * forgotten between the enqueue and the read of its record.
	 */
	private static final int MAX_UNIQUE_ATTEMPTS = 5;

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private final TaskJsonMapper json;

	private final ClientSettings settings;

	private final TaskInstrumentation instrumentation;

	private final @Nullable TaskSchedules schedules;

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
		this(engine, registry, json, settings, instrumentation, null);
	}

	/**
	 * Creates a client with schedules.
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 * @param instrumentation observes and counts enqueues
	 * @param schedules the schedules {@link #schedules()} returns, or {@code null} for a
	 * client without them
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings, TaskInstrumentation instrumentation, @Nullable TaskSchedules schedules) {
		this.engine = engine;
		this.registry = registry;
		this.json = json;
		this.settings = settings;
		this.instrumentation = instrumentation;
		this.schedules = schedules;
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

	@Override
	public TaskSchedules schedules() {
		if (this.schedules == null) {
			throw new IllegalStateException("This QTasks client was made without schedules");
		}
		return this.schedules;
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
		Instant dueAt = request.dueAt(now);
		Integer priority = request.priority();
		Task.Builder builder = Task.builder((chosen != null) ? chosen : TaskIds.next(), taskName)
			.priority((priority != null) ? priority
					: definition.map(TaskDefinition::priority).orElse(this.settings.defaultPriority()))
			.retry(definition.map(TaskDefinition::retry).orElse(this.settings.defaultRetry()))
			.args(arguments.args())
			.kwargs(arguments.kwargs())
			.createdAt(now)
			.updatedAt(now);
		if (dueAt != null) {
			builder.extra(TaskExtras.DUE_AT, dueAt.toString());
		}
		UniqueKey key = uniqueKey(request);
		if (key != null) {
			builder.extra(TaskExtras.UNIQUE_KEY, key.key());
			if (!key.keepFor().isZero()) {
				builder.extra(TaskExtras.UNIQUE_FOR, key.keepFor().toString());
			}
			return enqueueUnique(builder.build(), dueAt, key);
		}
		Task task = builder.build();
		try {
			return this.instrumentation.enqueue(task, (traced) -> send(traced, dueAt));
		}
		catch (DuplicateTaskException ex) {
			// another enqueue of the same uuid won the race
			return existing(task.uuid(), taskName).orElseThrow(() -> ex);
		}
	}

	private static @Nullable UniqueKey uniqueKey(DefaultTaskRequest request) {
		String key = request.uniqueKey();
		Duration keepFor = request.uniqueFor();
		if (key == null) {
			if (keepFor != null) {
				throw new IllegalArgumentException("uniqueFor needs a uniqueKey: there is no key to keep");
			}
			return null;
		}
		return new UniqueKey(key, (keepFor != null) ? keepFor : Duration.ZERO);
	}

	/**
	 * Enqueues a task with a unique key, or answers the record of the task that holds the
	 * key. A holder that ends and is forgotten between the two reads is tried again.
	 */
	private Task enqueueUnique(Task task, @Nullable Instant dueAt, UniqueKey key) {
		for (int attempt = 0; attempt < MAX_UNIQUE_ATTEMPTS; attempt++) {
			UniqueOutcome[] outcome = new UniqueOutcome[1];
			Task stored = this.instrumentation.enqueueIf(task, (traced) -> {
				outcome[0] = sendUnique(traced, dueAt, key);
				return outcome[0].kind() == UniqueOutcome.Kind.STORED;
			});
			if (stored != null) {
				return stored;
			}
			UUID holder = outcome[0].holder();
			Optional<Task> existing = (holder != null) ? this.engine.find(holder)
					: existing(task.uuid(), task.taskName());
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		throw new IllegalStateException("Could not enqueue task '" + task.taskName() + "' with unique key '" + key.key()
				+ "': the task holding the key kept changing");
	}

	private UniqueOutcome sendUnique(Task task, @Nullable Instant dueAt, UniqueKey key) {
		try {
			return this.engine.enqueueUnique(task, dueAt, key);
		}
		catch (RuntimeException ex) {
			throw new TaskEnqueueException(task.taskName(), task.uuid(), this.engine.type(), ex);
		}
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

	private void send(Task task, @Nullable Instant dueAt) {
		boolean stored;
		try {
			stored = this.engine.enqueue(task, dueAt);
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

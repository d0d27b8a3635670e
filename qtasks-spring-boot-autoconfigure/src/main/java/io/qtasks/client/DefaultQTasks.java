package io.qtasks.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.qtasks.CancelOutcome;
import io.qtasks.ChordFailure;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.TaskSchedules;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskExtras;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.observation.TaskInstrumentation;

/**
 * The {@link QTasks} client over an engine.
 *
 * @author QTasks contributors
 */
public class DefaultQTasks implements QTasks {

	private final TaskEngine engine;

	private final Enqueues enqueues;

	private final EnqueuedTaskHandler enqueuedHandler;

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
		this(engine, registry, json, settings, instrumentation, EnqueuedTaskHandler.NONE);
	}

	/**
	 * Creates a client that hands every task it stores to a handler before the enqueue
	 * returns: one by one, in the order of the answer (a workflow's steps in their
	 * order).
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 * @param instrumentation observes and counts enqueues
	 * @param enqueuedHandler what happens to a task just stored (the inline mode runs it)
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings, TaskInstrumentation instrumentation, EnqueuedTaskHandler enqueuedHandler) {
		this(engine, registry, json, settings, instrumentation, enqueuedHandler, null);
	}

	/**
	 * Creates a client with schedules.
	 * @param engine where tasks are enqueued and records are read
	 * @param registry the tasks this node knows (for their priority and retries)
	 * @param json converts arguments to JSON values
	 * @param settings payload limit and defaults for unknown tasks
	 * @param instrumentation observes and counts enqueues
	 * @param enqueuedHandler what happens to a task just stored (the inline mode runs it)
	 * @param schedules the schedules {@link #schedules()} returns, or {@code null} for a
	 * client without them
	 */
	public DefaultQTasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings settings, TaskInstrumentation instrumentation, EnqueuedTaskHandler enqueuedHandler,
			@Nullable TaskSchedules schedules) {
		this.engine = engine;
		this.enqueues = new Enqueues(this, engine, new NewRecords(registry, json, settings), instrumentation);
		this.enqueuedHandler = enqueuedHandler;
		this.schedules = schedules;
	}

	@Override
	public TaskSchedules schedules() {
		if (this.schedules == null) {
			throw new IllegalStateException("This QTasks client was made without schedules");
		}
		return this.schedules;
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
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			CompletableFuture<Task> finished = this.engine.whenFinished(uuid);
			try {
				Optional<Task> current = this.engine.find(uuid);
				if (current.isEmpty() || current.get().isFinished()) {
					return current;
				}
				Task outcome = finished.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				// an outcome that the requeue seen here had replaced can be announced
				// late: the wait is for the run after that requeue
				if (!TaskExtras.requeuedSince(outcome, current.get())) {
					return Optional.of(outcome);
				}
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
	}

	@Override
	public CancelOutcome cancel(UUID uuid, @Nullable String reason) {
		return this.engine.cancel(uuid, Objects.requireNonNullElse(reason, "canceled"));
	}

	@Override
	public List<Task> addAll(List<TaskRequest> requests) {
		return handled(this.enqueues.all(requests));
	}

	@Override
	public List<Task> chain(TaskRequest... steps) {
		return enqueueWorkflow(new WorkflowRequest(this, WorkflowRequest.Kind.CHAIN, List.of(steps)));
	}

	@Override
	public List<Task> group(TaskRequest... members) {
		return enqueueWorkflow(new WorkflowRequest(this, WorkflowRequest.Kind.GROUP, List.of(members)));
	}

	@Override
	public List<Task> chord(List<TaskRequest> members, TaskRequest callback) {
		return chord(members, callback, ChordFailure.CANCEL_CALLBACK);
	}

	@Override
	public List<Task> chord(List<TaskRequest> members, TaskRequest callback, ChordFailure onFailure) {
		return enqueueWorkflow((WorkflowRequest) chordOf(members, callback, onFailure));
	}

	@Override
	public TaskRequest groupOf(TaskRequest... members) {
		return new WorkflowRequest(this, WorkflowRequest.Kind.GROUP, List.of(members));
	}

	@Override
	public TaskRequest chainOf(TaskRequest... steps) {
		return new WorkflowRequest(this, WorkflowRequest.Kind.CHAIN, List.of(steps));
	}

	@Override
	public TaskRequest chordOf(List<TaskRequest> members, TaskRequest callback) {
		return chordOf(members, callback, ChordFailure.CANCEL_CALLBACK);
	}

	@Override
	public TaskRequest chordOf(List<TaskRequest> members, TaskRequest callback, ChordFailure onFailure) {
		Assert.notEmpty(members, "A chord needs at least one member");
		Assert.notNull(onFailure, "onFailure must not be null");
		return new WorkflowRequest(this, WorkflowRequest.Kind.CHORD,
				List.of(groupOf(members.toArray(TaskRequest[]::new)), callback), onFailure);
	}

	List<Task> enqueueWorkflow(WorkflowRequest workflow) {
		return handled(this.enqueues.workflow(workflow));
	}

	Task enqueue(DefaultTaskRequest request) {
		return this.enqueuedHandler.enqueued(this.enqueues.one(request));
	}

	private List<Task> handled(List<Task> stored) {
		if (this.enqueuedHandler == EnqueuedTaskHandler.NONE) {
			return stored;
		}
		return stored.stream().map(this.enqueuedHandler::enqueued).toList();
	}

	Task enqueueAndWait(DefaultTaskRequest request, Duration timeout) {
		Task queued = enqueue(request);
		return waitResult(queued.uuid(), timeout).or(() -> get(queued.uuid())).orElse(queued);
	}

}

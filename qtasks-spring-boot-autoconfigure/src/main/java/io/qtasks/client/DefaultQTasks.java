package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.observation.TaskInstrumentation;

/**
 * The {@link QTasks} client over an engine.
 *
 * @author QTasks contributors
 */
public class DefaultQTasks implements QTasks {

	private final TaskEngine engine;

	private final NewRecords records;

	private final TaskInstrumentation instrumentation;

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
		this.engine = engine;
		this.records = new NewRecords(registry, json, settings);
		this.instrumentation = instrumentation;
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
	public List<Task> addAll(List<TaskRequest> requests) {
		Instant now = this.engine.transitions().now();
		Task[] answers = new Task[requests.size()];
		List<NewTask> batch = new ArrayList<>(requests.size());
		List<Integer> positions = new ArrayList<>(requests.size());
		boolean immediate = true;
		for (int i = 0; i < requests.size(); i++) {
			DefaultTaskRequest request = own(requests.get(i));
			UUID chosen = request.uuid();
			Optional<Task> existing = (chosen != null) ? existing(chosen, request.taskName()) : Optional.empty();
			if (existing.isPresent()) {
				answers[i] = existing.get();
				continue;
			}
			Task task = traced(this.records.of(request, now));
			answers[i] = task;
			batch.add(new NewTask(task, null));
			positions.add(i);
			immediate &= request.isImmediate();
		}
		if (batch.isEmpty()) {
			return List.of(answers);
		}
		if (immediate || this.engine.joinsTransactions()) {
			List<Boolean> stored = sendAll(batch);
			for (int i = 0; i < stored.size(); i++) {
				if (!stored.get(i)) {
					// another enqueue of the same uuid won the race
					Task task = batch.get(i).record();
					answers[positions.get(i)] = existing(task.uuid(), task.taskName())
						.orElseThrow(() -> new DuplicateTaskException(task.uuid()));
				}
			}
		}
		else {
			AfterCommit.send(batch.size() + " task(s) of QTasks.addAll (first " + batch.get(0).record().uuid() + ")",
					() -> sendAll(batch));
		}
		return List.of(answers);
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
		return enqueueWorkflow((WorkflowRequest) chordOf(members, callback));
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
		Assert.notEmpty(members, "A chord needs at least one member");
		return new WorkflowRequest(this, WorkflowRequest.Kind.CHORD,
				List.of(groupOf(members.toArray(TaskRequest[]::new)), callback));
	}

	List<Task> enqueueWorkflow(WorkflowRequest workflow) {
		List<NewTask> planned = WorkflowPlanner.plan(this, this.records, workflow, this.engine.transitions().now());
		for (NewTask step : planned) {
			if (this.engine.find(step.record().uuid()).isPresent()) {
				throw new IllegalArgumentException("Cannot enqueue a workflow with step uuid " + step.record().uuid()
						+ ": a task with that uuid exists");
			}
		}
		List<NewTask> batch = planned.stream().map((step) -> new NewTask(traced(step.record()), step.dueAt())).toList();
		Runnable send = () -> {
			List<Boolean> stored = sendAll(batch);
			int duplicate = stored.indexOf(false);
			if (duplicate >= 0) {
				throw new DuplicateTaskException(batch.get(duplicate).record().uuid());
			}
		};
		if (this.engine.joinsTransactions()) {
			send.run();
		}
		else {
			AfterCommit.send("The " + batch.size() + " steps of a " + workflow.kind().value() + " (first "
					+ batch.get(0).record().uuid() + ")", send);
		}
		return batch.stream().map(NewTask::record).toList();
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
		Task task = this.records.of(request, this.engine.transitions().now());
		boolean deferrable = !request.isImmediate() && !this.engine.joinsTransactions();
		try {
			return this.instrumentation.enqueue(task, (record) -> {
				if (deferrable) {
					AfterCommit.send("Task " + record.uuid() + " (" + taskName + ")", () -> send(record));
				}
				else {
					send(record);
				}
			});
		}
		catch (DuplicateTaskException ex) {
			// another enqueue of the same uuid won the race
			return existing(task.uuid(), taskName).orElseThrow(() -> ex);
		}
	}

	private DefaultTaskRequest own(TaskRequest request) {
		if (request instanceof DefaultTaskRequest own && own.client() == this) {
			return own;
		}
		throw new IllegalArgumentException(
				"QTasks.addAll takes requests of this client's task(...), not " + ((request instanceof WorkflowRequest)
						? "a workflow step (add it with chain, group or chord)" : request.getClass().getName()));
	}

	/**
	 * The record with what the enqueue's observation adds to it (its trace context); the
	 * batch it belongs to is sent afterwards.
	 */
	private Task traced(Task task) {
		return this.instrumentation.enqueue(task, (record) -> {
		});
	}

	private List<Boolean> sendAll(List<NewTask> batch) {
		try {
			return this.engine.enqueueAll(batch);
		}
		catch (RuntimeException ex) {
			Task first = batch.get(0).record();
			throw new TaskEnqueueException(first.taskName(), first.uuid(), this.engine.type(), ex);
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

package io.qtasks.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.observation.TaskInstrumentation;

/**
 * The enqueues of a {@link DefaultQTasks}: one task, a batch, or the steps of a workflow,
 * each observed, sent at once or after the caller's transaction commits, and answered
 * with the records as stored.
 *
 * @author QTasks contributors
 */
final class Enqueues {

	private static final Logger logger = LoggerFactory.getLogger(Enqueues.class);

	/**
	 * How often an enqueue with a unique key is tried when the task holding the key is
	 * forgotten between the enqueue and the read of its record.
	 */
	private static final int MAX_UNIQUE_ATTEMPTS = 5;

	private final DefaultQTasks client;

	private final TaskEngine engine;

	private final NewRecords records;

	private final TaskInstrumentation instrumentation;

	Enqueues(DefaultQTasks client, TaskEngine engine, NewRecords records, TaskInstrumentation instrumentation) {
		this.client = client;
		this.engine = engine;
		this.records = records;
		this.instrumentation = instrumentation;
	}

	/**
	 * Enqueues one task.
	 * @param request the request
	 * @return its record, or the one stored under its uuid
	 */
	Task one(DefaultTaskRequest request) {
		String taskName = request.taskName();
		UUID chosen = request.uuid();
		if (chosen != null) {
			Optional<Task> existing = existing(chosen, taskName);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Instant now = this.engine.transitions().now();
		Instant dueAt = request.dueAt(now);
		UniqueKey key = NewRecords.uniqueKey(request);
		Task task = this.records.of(request, now, dueAt, key);
		boolean deferrable = !request.isImmediate() && !this.engine.joinsTransactions();
		if (key != null) {
			// outside a transaction the answer is the task that holds the key
			return (deferrable && AfterCommit.defers()) ? this.instrumentation.enqueue(task, (record) -> AfterCommit
				.send("Task " + record.uuid() + " (" + taskName + ")", () -> sendUniqueLater(record, dueAt, key)))
					: unique(task, dueAt, key);
		}
		try {
			return this.instrumentation.enqueue(task, (record) -> {
				if (deferrable) {
					AfterCommit.send("Task " + record.uuid() + " (" + taskName + ")", () -> send(record, dueAt));
				}
				else {
					send(record, dueAt);
				}
			});
		}
		catch (DuplicateTaskException ex) {
			// another enqueue of the same uuid won the race
			return existing(task.uuid(), taskName).orElseThrow(() -> ex);
		}
	}

	private DefaultTaskRequest own(TaskRequest request) {
		if (request instanceof DefaultTaskRequest own && own.client() == this.client) {
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
			throw new TaskBatchEnqueueException(first.taskName(),
					batch.stream().map((task) -> task.record().uuid()).toList(), this.engine.type(), ex);
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

	/**
	 * Enqueues a task with a unique key now, or answers the record of the task that holds
	 * the key. A holder that ends and is forgotten between the two reads is tried again.
	 */
	private Task unique(Task task, @Nullable Instant dueAt, UniqueKey key) {
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

	/**
	 * Sends a task with a unique key after the caller's transaction committed: another
	 * task may hold the key by then, and this one is not queued.
	 */
	private void sendUniqueLater(Task task, @Nullable Instant dueAt, UniqueKey key) {
		UniqueOutcome outcome = sendUnique(task, dueAt, key);
		if (outcome.kind() == UniqueOutcome.Kind.KEY_TAKEN) {
			logger.info("Task {} ({}) was not queued after the commit: task {} holds its unique key", task.uuid(),
					LogSafe.text(task.taskName()), outcome.holder());
		}
	}

	private UniqueOutcome sendUnique(Task task, @Nullable Instant dueAt, UniqueKey key) {
		try {
			return this.engine.enqueueUnique(task, dueAt, key);
		}
		catch (UnsupportedOperationException ex) {
			// an engine without unique keys, not an engine that failed
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new TaskEnqueueException(task.taskName(), task.uuid(), this.engine.type(), ex);
		}
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

	/**
	 * Enqueues a batch in one engine call.
	 * @param requests the requests, of this client
	 * @return their records, in order
	 */
	List<Task> all(List<TaskRequest> requests) {
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
			if (request.uniqueKey() != null) {
				throw new IllegalArgumentException("QTasks.addAll takes no unique keys (" + request.taskName()
						+ " has one): add such a task on its own, so that it can answer the task holding its key");
			}
			Instant dueAt = request.dueAt(now);
			Task task = traced(this.records.of(request, now, dueAt, NewRecords.uniqueKey(request)));
			answers[i] = task;
			batch.add(new NewTask(task, dueAt));
			positions.add(i);
			immediate &= request.isImmediate();
		}
		if (batch.isEmpty()) {
			return List.of(answers);
		}
		if (immediate || this.engine.joinsTransactions() || !AfterCommit.defers()) {
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

	/**
	 * Stores every step of a workflow in one engine call.
	 * @param workflow the workflow
	 * @return the steps' records, in order
	 */
	List<Task> workflow(WorkflowRequest workflow) {
		List<NewTask> planned = WorkflowPlanner.plan(this.client, this.records, workflow,
				this.engine.transitions().now());
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
		if (workflow.isImmediate() || this.engine.joinsTransactions()) {
			send.run();
		}
		else {
			AfterCommit.send("The " + batch.size() + " steps of a " + workflow.kind().value() + " (first "
					+ batch.get(0).record().uuid() + ")", send);
		}
		return batch.stream().map(NewTask::record).toList();
	}

}

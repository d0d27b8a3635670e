package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.engine.spi.CancelRequestListener;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;

/**
 * The one entry point of the client, the worker and the actuator to an engine: a
 * {@link TaskQueue}, a {@link TaskRecordStore}, their {@link TaskEvents}, the
 * {@link TaskSteps} that change both, and the {@link TaskScheduleStore} of the schedules
 * ({@link #schedules()}), with every record built by {@link TaskTransitions}; its
 * {@link #stats()} and {@link #requeues()} serve the actuator and the metrics. Nothing
 * here depends on the technology behind them.
 *
 * @author QTasks contributors
 */
public final class TaskEngine {

	private final TaskQueue queue;

	private final TaskRecordStore records;

	private final TaskEvents events;

	private final TaskTransitions transitions;

	private final EngineSchedules schedules;

	private final TaskEnqueues enqueues;

	private final TaskClaims claims;

	private final EngineStats stats;

	private final TaskRequeues requeues;

	private final RequestedChanges changes;

	private final RecordListeners listeners = new RecordListeners();

	/**
	 * Creates an engine from its parts.
	 * @param queue orders and hands out tasks
	 * @param records keeps the records
	 * @param events announces finished tasks and cancel requests
	 * @param steps changes a record and its place in the queue together
	 * @param transitions builds every record change
	 */
	public TaskEngine(TaskQueue queue, TaskRecordStore records, TaskEvents events, TaskSteps steps,
			TaskTransitions transitions) {
		this(queue, records, events, steps, transitions, null);
	}

	/**
	 * Creates an engine from its parts, with schedules.
	 * @param queue orders and hands out tasks
	 * @param records keeps the records
	 * @param events announces finished tasks and cancel requests
	 * @param steps changes a record and its place in the queue together
	 * @param transitions builds every record change
	 * @param schedules keeps the schedules and fires them, or {@code null} for an engine
	 * without schedules
	 */
	public TaskEngine(TaskQueue queue, TaskRecordStore records, TaskEvents events, TaskSteps steps,
			TaskTransitions transitions, @Nullable TaskScheduleStore schedules) {
		this.queue = queue;
		this.records = records;
		this.events = events;
		this.transitions = transitions;
		this.enqueues = new TaskEnqueues(steps, this.listeners, this::type);
		this.claims = new TaskClaims(queue, records, steps, transitions, this.listeners, events);
		this.stats = new EngineStats(queue, records);
		this.changes = new RequestedChanges(records, steps, transitions, this.listeners);
		this.requeues = new TaskRequeues(records, this.changes);
		this.schedules = new EngineSchedules(schedules, steps, this.listeners, this::type);
	}

	/**
	 * A short name of the engine: its technology, such as {@code "memory"} or
	 * {@code "redis"}, or both when the queue and the records live apart.
	 * @return the name
	 */
	public String type() {
		String queueType = this.queue.type();
		String recordsType = this.records.type();
		return queueType.equals(recordsType) ? queueType : queueType + "+" + recordsType;
	}

	/**
	 * The rules that build every record change.
	 * @return the transitions
	 */
	public TaskTransitions transitions() {
		return this.transitions;
	}

	/**
	 * Whether other nodes claim from this engine's queue too (see
	 * {@link TaskQueue#isShared()}).
	 * @return {@code true} when the queue is shared
	 */
	public boolean isShared() {
		return this.queue.isShared();
	}

	/**
	 * Stores a new record and queues its task.
	 * @param record the record, in status {@code new}
	 * @param dueAt when it may run, or {@code null} for now
	 * @return {@code false} when a task with its uuid exists (nothing changed)
	 */
	public boolean enqueue(Task record, @Nullable Instant dueAt) {
		return this.enqueues.enqueue(record, dueAt);
	}

	/**
	 * Stores a new record that takes a unique key and queues its task, unless a task with
	 * its uuid exists or another task holds the key (atomically, across nodes).
	 * @param record the record, in status {@code new}, with the key in its extra
	 * @param dueAt when it may run, or {@code null} for now
	 * @param key the key
	 * @return what happened
	 * @throws UnsupportedOperationException when the engine has no unique keys
	 */
	public UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		return this.enqueues.enqueueUnique(record, dueAt, key);
	}

	/**
	 * The schedules of this engine: their store and their firings.
	 * @return the schedules
	 */
	public EngineSchedules schedules() {
		return this.schedules;
	}

	/**
	 * Stores new records and queues their tasks, in order, in as few round trips as the
	 * engine can.
	 * @param tasks the records (in status {@code new}) and their due times
	 * @return for each task, in order, {@code false} when a task with its uuid existed
	 */
	public List<Boolean> enqueueAll(List<NewTask> tasks) {
		return this.enqueues.enqueueAll(tasks);
	}

	/**
	 * Whether the engine writes in the caller's transaction when there is one.
	 * @return {@code true} for an engine on the application's database
	 */
	public boolean joinsTransactions() {
		return this.enqueues.joinsTransactions();
	}

	/**
	 * Makes a waiting task due now, with the record built from the current one.
	 * @param uuid the task's uuid
	 * @param released builds the record; answers {@code null} when the task is not to be
	 * released
	 * @return {@code true} when the task was waiting and is due now
	 */
	public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		return this.enqueues.releaseWaiting(uuid, released);
	}

	/**
	 * Claims due tasks for a worker. Queue entries whose record is gone or already final
	 * (what a node that died between the two halves of a step leaves) are dropped, and a
	 * task whose record cannot be read ends as {@code error}, saying why.
	 * @param request how many, of which names, how long to wait
	 * @return the deliveries, in priority order
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	public List<TaskDelivery> claim(ClaimRequest request) throws InterruptedException {
		return this.claims.claim(request);
	}

	/**
	 * How often the claims of running tasks must be extended, or empty when claims never
	 * run out.
	 * @return the interval
	 */
	public Optional<Duration> renewalInterval() {
		return this.queue.renewalInterval();
	}

	/**
	 * Extends the claims of deliveries.
	 * @param deliveries the deliveries whose tasks still run
	 * @return those whose claim was lost
	 */
	public Set<TaskDelivery> extend(Collection<TaskDelivery> deliveries) {
		return this.claims.extend(deliveries);
	}

	/**
	 * Cancels a task: a queued or waiting one becomes {@code cancel} at once; a claimed
	 * or running one gets a cancel request, announced to the worker that holds it.
	 * @param uuid the task's uuid
	 * @param reason why
	 * @return what happened
	 */
	public CancelOutcome cancel(UUID uuid, String reason) {
		return this.changes.cancel(uuid, reason);
	}

	/**
	 * Reads a record.
	 * @param uuid the task's uuid
	 * @return the record, or empty when unknown or expired
	 */
	public Optional<Task> find(UUID uuid) {
		return this.records.find(uuid).map(StoredTask::record);
	}

	/**
	 * The cancel request pending for a claim, as stored: for a worker that may have
	 * missed its announcement.
	 * @param delivery the claimed task
	 * @return the reason, or empty when none is pending for this claim
	 */
	public Optional<String> storedCancelRequest(TaskDelivery delivery) {
		return this.claims.storedCancelRequest(delivery);
	}

	/**
	 * Lists records, newest first.
	 * @param query the filters and limit
	 * @return the matching records
	 */
	public List<Task> list(TaskQuery query) {
		return this.records.list(query);
	}

	/**
	 * What the engine holds: counts, flow stats, the queue entries set aside.
	 * @return the stats
	 */
	public EngineStats stats() {
		return this.stats;
	}

	/**
	 * The requeues of tasks that ended in {@code error} or {@code cancel}.
	 * @return the requeues
	 */
	public TaskRequeues requeues() {
		return this.requeues;
	}

	/**
	 * A future completed with the record when the task reaches a final status.
	 * @param uuid the task's uuid
	 * @return the future; cancel it to stop waiting
	 */
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		return this.events.whenFinished(uuid);
	}

	/**
	 * Registers a listener for the cancel requests of claimed tasks.
	 * @param listener the listener
	 */
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.events.addCancelRequestListener(listener);
	}

	/**
	 * Registers a listener for the record changes stored through this engine.
	 * @param listener the listener
	 */
	public void addRecordListener(TaskRecordListener listener) {
		this.listeners.add(listener);
	}

}

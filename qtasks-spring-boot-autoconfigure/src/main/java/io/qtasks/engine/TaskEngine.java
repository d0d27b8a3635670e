package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.CancelRequestListener;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;

/**
 * The one entry point of the client, the worker and the actuator to an engine: a
 * {@link TaskQueue}, a {@link TaskRecordStore}, their {@link TaskEvents}, the
 * {@link TaskSteps} that change both, and the {@link TaskScheduleStore} of the schedules,
 * with every record built by {@link TaskTransitions}. Nothing here depends on the
 * technology behind them.
 *
 * @author QTasks contributors
 */
public final class TaskEngine {

	private static final int MAX_REQUEUED = 100_000;

	private final TaskQueue queue;

	private final TaskRecordStore records;

	private final TaskEvents events;

	private final TaskSteps steps;

	private final TaskTransitions transitions;

	private final @Nullable TaskScheduleStore schedules;

	private final TaskClaims claims;

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
		this.steps = steps;
		this.transitions = transitions;
		this.schedules = schedules;
		this.claims = new TaskClaims(queue, records, steps, transitions, this.listeners);
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
		return this.listeners.enqueue(record, () -> this.steps.enqueue(record, dueAt));
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
		UniqueOutcome[] outcome = new UniqueOutcome[1];
		try {
			this.listeners.enqueue(record, () -> {
				outcome[0] = this.steps.enqueueUnique(record, dueAt, key);
				return outcome[0].kind() == UniqueOutcome.Kind.STORED;
			});
		}
		catch (UnsupportedOperationException ex) {
			throw new UnsupportedOperationException("The " + type() + " engine has no unique keys (yet): "
					+ "TaskRequest.uniqueKey needs the memory, redis or jdbc engine", ex);
		}
		return outcome[0];
	}

	/**
	 * The schedules of this engine.
	 * @return the store
	 * @throws IllegalStateException when the engine was made without schedules
	 */
	public TaskScheduleStore schedules() {
		if (this.schedules == null) {
			throw new IllegalStateException("This " + type() + " engine was made without a schedule store");
		}
		return this.schedules;
	}

	/**
	 * Fires a schedule for one due time: its task is stored and queued once per
	 * application, however many nodes fire the same due time (see
	 * {@link TaskScheduleStore#fire}).
	 * @param schedule the schedule's name
	 * @param dueAt the due time
	 * @param record the firing's task, with a uuid derived from the schedule and the due
	 * time
	 * @return what happened
	 */
	public ScheduleFiring fire(String schedule, Instant dueAt, Task record) {
		ScheduleFiring[] firing = new ScheduleFiring[1];
		this.listeners.enqueue(record, () -> {
			firing[0] = schedules().fire(schedule, dueAt, record, () -> this.steps.enqueue(record, null));
			return firing[0] == ScheduleFiring.FIRED;
		});
		return firing[0];
	}

	/**
	 * Stores new records and queues their tasks, in order, in as few round trips as the
	 * engine can.
	 * @param tasks the records (in status {@code new}) and their due times
	 * @return for each task, in order, {@code false} when a task with its uuid existed
	 */
	public List<Boolean> enqueueAll(List<NewTask> tasks) {
		List<Task> records = tasks.stream().map(NewTask::record).toList();
		return this.listeners.enqueueAll(records, () -> this.steps.enqueueAll(tasks));
	}

	/**
	 * Whether the engine writes in the caller's transaction when there is one.
	 * @return {@code true} for an engine on the application's database
	 */
	public boolean joinsTransactions() {
		return this.steps.joinsTransactions();
	}

	/**
	 * Makes a waiting task due now, with the record built from the current one.
	 * @param uuid the task's uuid
	 * @param released builds the record; answers {@code null} when the task is not to be
	 * released
	 * @return {@code true} when the task was waiting and is due now
	 */
	public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		return this.steps.releaseWaiting(uuid, released);
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
		if (deliveries.isEmpty()) {
			return Set.of();
		}
		Set<String> lost = this.queue.extend(deliveries.stream().map(TaskDelivery::claim).toList());
		Set<TaskDelivery> lostDeliveries = new HashSet<>();
		for (TaskDelivery delivery : deliveries) {
			if (lost.contains(delivery.token())) {
				lostDeliveries.add(delivery);
			}
		}
		return lostDeliveries;
	}

	/**
	 * Cancels a task: a queued or waiting one becomes {@code cancel} at once; a claimed
	 * or running one gets a cancel request, announced to the worker that holds it.
	 * @param uuid the task's uuid
	 * @param reason why
	 * @return what happened
	 */
	public CancelOutcome cancel(UUID uuid, String reason) {
		RecordedChange change = new RecordedChange((current) -> this.transitions.cancelled(current, reason));
		QueuedCancel queued = this.steps.cancelQueued(uuid, change::apply);
		return switch (queued) {
			case CANCELLED -> {
				change.tell(this.listeners);
				yield CancelOutcome.CANCELLED;
			}
			case FINISHED -> CancelOutcome.ALREADY_FINISHED;
			case NOT_FOUND -> CancelOutcome.NOT_FOUND;
			case NOT_QUEUED -> this.records.requestCancel(uuid, reason);
		};
	}

	/**
	 * Queues a task that ended in {@code error} or {@code cancel} again, at the back of
	 * its priority (see {@link TaskTransitions#requeued(Task)}).
	 * @param uuid the task's uuid
	 * @return what happened
	 */
	public RequeueOutcome requeue(UUID uuid) {
		RecordedChange change = new RecordedChange(this.transitions::requeued);
		RequeueOutcome outcome = this.steps.requeue(uuid, change::apply);
		if (outcome == RequeueOutcome.REQUEUED) {
			change.tell(this.listeners);
		}
		return outcome;
	}

	/**
	 * Queues again every task in {@code status} ({@code error} or {@code cancel}), of one
	 * name or of any: those the listing shows now (on Redis, among the newest records it
	 * looks at), each once, so that a task that fails again at once is not requeued
	 * twice.
	 * @param status {@code error} or {@code cancel}
	 * @param taskName only tasks of this name, or {@code null} for any
	 * @return how many were queued again
	 */
	public int requeueAll(TaskStatus status, @Nullable String taskName) {
		if (status != TaskStatus.ERROR && status != TaskStatus.CANCEL) {
			throw new IllegalArgumentException("only tasks in error or cancel can be requeued, not " + status.value());
		}
		int requeued = 0;
		for (Task task : this.records.list(new TaskQuery(status, taskName, MAX_REQUEUED))) {
			if (requeue(task.uuid()) == RequeueOutcome.REQUEUED) {
				requeued++;
			}
		}
		return requeued;
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
		return this.records.find(delivery.uuid())
			.filter((stored) -> delivery.token().equals(stored.holder()))
			.map(StoredTask::cancelRequest);
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
	 * Counts the stored records by status.
	 * @return a count for every status
	 */
	public Map<TaskStatus, Long> countByStatus() {
		return this.records.countByStatus();
	}

	/**
	 * How many tasks are due and wait for a worker.
	 * @return the count
	 */
	public long pendingCount() {
		return this.queue.pendingCount();
	}

	/**
	 * How many tasks wait for an instant (a retry's pause, a delay).
	 * @return the count
	 */
	public long waitingCount() {
		return this.queue.waitingCount();
	}

	/**
	 * How many tasks are due, by priority.
	 * @return the counts, lowest priority first
	 */
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.queue.pendingCountByPriority();
	}

	/**
	 * How many tasks are due, by task name.
	 * @return the counts of the names that have due tasks
	 */
	public Map<String, Long> pendingCountByTaskName() {
		return this.queue.pendingCountByTaskName();
	}

	/**
	 * The due tasks by queue, name and limit key, and the claims held by task name and by
	 * queue, across every node.
	 * @param limits the limits of task names, to tell which due tasks wait for one
	 * @return the stats
	 */
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return this.queue.flowStats(limits);
	}

	/**
	 * The queue entries that named no queued task, which the queue set aside, newest
	 * first.
	 * @param max the most to report
	 * @return the entries
	 */
	public List<DeadLetter> deadLetters(int max) {
		return this.queue.deadLetters(max);
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

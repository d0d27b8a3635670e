package io.qtasks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The QTasks client: enqueues tasks, reads their records, waits for results and cancels.
 * Auto-configured as a bean; inject it anywhere.
 *
 * <pre class="code">
 * Task queued = qtasks.addTask("send_report", "2026-11", 3);
 * Optional&lt;Task&gt; done = qtasks.waitResult(queued.uuid(), Duration.ofSeconds(30));
 * </pre>
 *
 * @author QTasks contributors
 */
public interface QTasks {

	/**
	 * Enqueues a task with positional arguments. A name no worker knows is accepted: on a
	 * shared engine the task waits for a node that knows it (a rolling deploy) and ends
	 * as {@code error} once no live node has known it for
	 * {@code qtasks.worker.unknown-task-timeout}; on the memory engine it ends as
	 * {@code error} at once. Either way with a message saying so.
	 * @param taskName the task's name
	 * @param args positional arguments; each must be writable as JSON
	 * @return the record as stored, in status {@code new}
	 * @throws IllegalArgumentException when an argument cannot be written as JSON, or the
	 * arguments exceed {@code qtasks.max-payload-size}
	 * @throws io.qtasks.client.TaskEnqueueException when the broker cannot take the task
	 * (Redis unreachable or not answering); it names the task's uuid
	 */
	Task addTask(String taskName, @Nullable Object @Nullable ... args);

	/**
	 * Starts a request with named arguments, a priority or a wait for the result.
	 * @param taskName the task's name
	 * @return a request to complete with {@link TaskRequest#add()} or
	 * {@link TaskRequest#addAndWait(Duration)}
	 */
	TaskRequest task(String taskName);

	/**
	 * Enqueues several tasks at once, in order: on Redis in one round trip. Requests come
	 * from {@link #task(String)} and are not added otherwise. A request whose
	 * {@link TaskRequest#uuid(UUID) uuid} is stored already gets that record, as
	 * {@link TaskRequest#add()} would.
	 * @param requests the tasks
	 * @return their records, in the order of the requests
	 * @throws IllegalArgumentException when a request is not this client's, or a workflow
	 * step (see {@link #groupOf})
	 * @throws io.qtasks.client.TaskBatchEnqueueException when the engine cannot take them
	 * (a {@code TaskEnqueueException} naming every uuid)
	 * @implSpec The default adds each request on its own.
	 */
	default List<Task> addAll(List<TaskRequest> requests) {
		return requests.stream().map(TaskRequest::add).toList();
	}

	/**
	 * Enqueues a chain: each step starts when the one before it succeeded, with that
	 * step's result as its last positional argument (a list of results after a group). A
	 * step that ends {@code error} or {@code cancel} stops the chain: the later steps end
	 * as {@code cancel} with a reason naming it. Every step is stored at once and moved
	 * on by the engine, so the chain goes on when the caller or a worker dies.
	 * @param steps the steps: requests, or nested groups, chains and chords from
	 * {@link #groupOf}, {@link #chainOf} and {@link #chordOf}
	 * @return the record of every step, in order; the last one ends the chain
	 */
	default List<Task> chain(TaskRequest... steps) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * Enqueues a group: its members run in parallel.
	 * @param members the members: requests, or nested workflows
	 * @return the members' records, in order
	 */
	default List<Task> group(TaskRequest... members) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * Enqueues a chord: the members run in parallel, and the callback runs once every
	 * member has succeeded, with the list of their results (in member order) as its last
	 * positional argument. A member that ends {@code error} or {@code cancel} ends the
	 * callback as {@code cancel}, with a reason naming that member
	 * ({@link ChordFailure#CANCEL_CALLBACK}; see
	 * {@link #chord(List, TaskRequest, ChordFailure)} for the other choice).
	 * @param members the members: requests, or nested workflows
	 * @param callback the callback
	 * @return the records of the members, then the callback's
	 */
	default List<Task> chord(List<TaskRequest> members, TaskRequest callback) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * Enqueues a chord whose callback, when a member ends {@code error} or
	 * {@code cancel}, does what {@code onFailure} says.
	 * @param members the members: requests, or nested workflows
	 * @param callback the callback
	 * @param onFailure what a failed member does to the callback
	 * @return the records of the members, then the callback's
	 * @see #chord(List, TaskRequest)
	 */
	default List<Task> chord(List<TaskRequest> members, TaskRequest callback, ChordFailure onFailure) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * A group as one step of another workflow, such as a chain whose step runs several
	 * tasks in parallel. {@link TaskRequest#add()} on it enqueues it as {@link #group}
	 * would and answers its last record; it takes no arguments of its own.
	 * @param members the members
	 * @return the step, not yet added
	 */
	default TaskRequest groupOf(TaskRequest... members) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * A chain as one step of another workflow, such as a member of a group.
	 * @param steps the steps
	 * @return the step, not yet added
	 * @see #groupOf
	 */
	default TaskRequest chainOf(TaskRequest... steps) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * A chord as one step of another workflow.
	 * @param members the members
	 * @param callback the callback
	 * @return the step, not yet added
	 * @see #groupOf
	 */
	default TaskRequest chordOf(List<TaskRequest> members, TaskRequest callback) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * A chord as one step of another workflow, with its choice on failed members.
	 * @param members the members
	 * @param callback the callback
	 * @param onFailure what a failed member does to the callback
	 * @return the step, not yet added
	 * @see #groupOf
	 */
	default TaskRequest chordOf(List<TaskRequest> members, TaskRequest callback, ChordFailure onFailure) {
		throw new UnsupportedOperationException(getClass().getName() + " does not run workflows");
	}

	/**
	 * Reads a task's record.
	 * @param uuid the task's uuid
	 * @return the record, or empty when no task has that uuid (or it has expired)
	 */
	Optional<Task> get(UUID uuid);

	/**
	 * Waits until the task reaches {@code success}, {@code error} or {@code cancel}. The
	 * wait is woken by the task's completion, not by polling.
	 * @param uuid the task's uuid
	 * @param timeout how long to wait at most
	 * @return the finished record, or empty when the timeout passed first, the task is
	 * unknown, or the waiting thread was interrupted (its interrupt flag is then set)
	 */
	Optional<Task> waitResult(UUID uuid, Duration timeout);

	/**
	 * Cancels a task. A queued task becomes {@code cancel} at once and never runs; a
	 * running one is interrupted and ends as {@code cancel} with the reason; a finished
	 * one is left as it is.
	 * @param uuid the task's uuid
	 * @param reason why, stored as {@link Task#cancelReason()}
	 * @return what happened
	 */
	CancelOutcome cancel(UUID uuid, String reason);

	/**
	 * The recurring schedules of the application, to add, list, pause, resume and remove
	 * them at run time.
	 * @return the schedules
	 * @throws UnsupportedOperationException when this client has none
	 */
	default TaskSchedules schedules() {
		throw new UnsupportedOperationException("This QTasks client has no schedules");
	}

}

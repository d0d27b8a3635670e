package io.qtasks;

import java.time.Duration;
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

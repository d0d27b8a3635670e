package io.qtasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A task about to be enqueued, started by {@link QTasks#task(String)}.
 *
 * <pre class="code">
 * Task done = qtasks.task("build_report")
 *     .kwargs(Map.of("request", new ReportRequest("acme", 2026)))
 *     .priority(-1)
 *     .addAndWait(Duration.ofSeconds(10));
 * </pre>
 *
 * @author QTasks contributors
 */
public interface TaskRequest {

	/**
	 * Sets the positional arguments, replacing earlier ones.
	 * @param args the arguments; each must be writable as JSON
	 * @return this request
	 */
	TaskRequest args(@Nullable Object @Nullable ... args);

	/**
	 * Adds named arguments, bound to the task method's parameters by name.
	 * @param kwargs the arguments; each value must be writable as JSON
	 * @return this request
	 */
	TaskRequest kwargs(Map<String, ?> kwargs);

	/**
	 * Adds one named argument.
	 * @param name the parameter name
	 * @param value the value; must be writable as JSON
	 * @return this request
	 */
	TaskRequest kwarg(String name, @Nullable Object value);

	/**
	 * Sets the priority (lower runs first). Without it the task definition's priority is
	 * used, or {@code qtasks.default-priority} when this node does not know the task.
	 * @param priority the priority
	 * @return this request
	 */
	TaskRequest priority(int priority);

	/**
	 * Sets the task's uuid instead of a new random one, which makes the enqueue
	 * idempotent: an enqueue retried with the same uuid (after a timeout, say, that left
	 * it unknown whether the first one was stored) does not queue the task twice, and
	 * {@link #add()} returns the record already stored, whatever its status, with the
	 * arguments of the first enqueue. This holds as long as the record is kept (finished
	 * records go after {@code qtasks.storage.finished-ttl}). A uuid that belongs to a
	 * task of another name is refused with an {@link IllegalArgumentException}.
	 * @param uuid the uuid
	 * @return this request
	 */
	TaskRequest uuid(UUID uuid);

	/**
	 * Holds the task in the engine for a while before it may run: it is stored at once,
	 * in status {@code new} with its due time in {@code extra.dueAt}, holds no worker
	 * slot meanwhile, can be cancelled, and (on a shared engine) survives restarts of
	 * every node. Replaces an earlier {@link #at(Instant)}.
	 * @param delay how long from now; zero or less runs it as soon as possible
	 * @return this request
	 */
	default TaskRequest delay(Duration delay) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot delay tasks");
	}

	/**
	 * Holds the task in the engine until an instant (see {@link #delay(Duration)}).
	 * Replaces an earlier {@link #delay(Duration)}.
	 * @param dueAt the earliest it may run; a past instant runs it as soon as possible
	 * @return this request
	 */
	default TaskRequest at(Instant dueAt) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot hold tasks until an instant");
	}

	/**
	 * Makes the task unique by a key: while a task with that key is queued, waiting or
	 * running, {@link #add()} returns that task's record instead of queueing another one.
	 * The check is atomic in the engine, across all nodes. Once the task has finished
	 * ({@code success}, {@code error} or {@code cancel}) the key is free again, or after
	 * {@link #uniqueFor(Duration)}.
	 * @param key the key, such as {@code "sync:customer-42"}
	 * @return this request
	 */
	default TaskRequest uniqueKey(String key) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot make tasks unique");
	}

	/**
	 * Keeps the {@link #uniqueKey(String) unique key} taken for a while after the task
	 * finished, so that adds within that time return the finished task (a debounce). At
	 * most as long as finished records are kept ({@code qtasks.storage.finished-ttl}).
	 * @param keepFor how long after the task finished
	 * @return this request
	 */
	default TaskRequest uniqueFor(Duration keepFor) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot keep unique keys");
	}

	/**
	 * Puts the task in a named queue instead of its definition's ({@code @QTask(queue)}),
	 * or the default queue when this node does not know the task.
	 * @param queue the queue's name: letters, digits, {@code .}, {@code _} and {@code -}
	 * @return this request
	 */
	default TaskRequest queue(String queue) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot name a queue");
	}

	/**
	 * Applies the task's cap and rate ({@code @QTask(maxConcurrency, rateLimit)}) per
	 * key, such as a tenant or customer id: the runs of each key get the whole cap and
	 * rate, so that one key's burst does not hold back the others.
	 * @param limitKey the key
	 * @return this request
	 */
	default TaskRequest limitKey(String limitKey) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot set a limit key");
	}

	/**
	 * Sends the task at once even inside a Spring transaction. By default a task added
	 * while a transaction is active is sent after that transaction commits, and dropped
	 * when it rolls back, so that no task runs for data that was rolled back (on an
	 * engine that writes in the caller's transaction, the JDBC engine, the task is
	 * written in it instead).
	 * @return this request
	 */
	default TaskRequest immediate() {
		throw new UnsupportedOperationException(getClass().getName() + " cannot opt out of after-commit sending");
	}

	/**
	 * Enqueues the task.
	 * @return the record as stored, in status {@code new}; for a {@link #uuid(UUID) uuid}
	 * already stored, that record; for a {@link #uniqueKey(String) unique key} that
	 * another task holds, that task's record
	 * @throws io.qtasks.client.TaskEnqueueException when the broker cannot take the task
	 * (Redis unreachable or not answering); it names the task's uuid
	 */
	Task add();

	/**
	 * Enqueues the task and waits for it to finish.
	 * @param timeout how long to wait at most
	 * @return the finished record; when the timeout passes first, the record as it is
	 * then (check {@link Task#isFinished()})
	 */
	Task addAndWait(Duration timeout);

}

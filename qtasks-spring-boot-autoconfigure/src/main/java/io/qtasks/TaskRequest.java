package io.qtasks;

import java.time.Duration;
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
	 * already stored, that record
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

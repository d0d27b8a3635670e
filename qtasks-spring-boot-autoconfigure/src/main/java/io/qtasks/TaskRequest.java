package io.qtasks;

import java.time.Duration;
import java.util.Map;

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
	 * Enqueues the task.
	 * @return the record as stored, in status {@code new}
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

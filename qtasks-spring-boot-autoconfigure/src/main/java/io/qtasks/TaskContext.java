package io.qtasks;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;

import io.qtasks.config.QTasksProperties;

/**
 * The context of one task run (QTasks' {@code self.ctx}). Reach it through
 * {@link TaskSelf#ctx()}, as a {@code TaskContext} parameter of a task method, or by
 * injecting {@code TaskContext} into any bean: the injected proxy resolves to the run on
 * the current thread and throws {@link IllegalStateException} outside a task.
 *
 * @author QTasks contributors
 */
public interface TaskContext {

	/**
	 * The uuid of the running task.
	 * @return the uuid
	 */
	UUID taskUuid();

	/**
	 * The name of the running task.
	 * @return the name
	 */
	String taskName();

	/**
	 * The number of the current attempt, starting at 1.
	 * @return the attempt
	 */
	int attempt();

	/**
	 * A logger named after the task ({@code qtasks.task.<name>}); while the task runs the
	 * MDC carries {@code taskName} and {@code taskUuid}.
	 * @return the logger
	 */
	Logger getLogger();

	/**
	 * A logger with the given name; the MDC carries the task as for {@link #getLogger()}.
	 * @param name the logger name
	 * @return the logger
	 */
	Logger getLogger(String name);

	/**
	 * Pauses the task. Cancelling the task (or its timeout) ends the pause early by
	 * throwing.
	 * @param duration how long to pause
	 * @throws TaskCancelledException when the task is cancelled during the pause
	 */
	void sleep(Duration duration);

	/**
	 * Cancels the running task: the run ends with status {@code cancel} and the reason.
	 * This method never returns normally.
	 * @param reason why, stored as {@link Task#cancelReason()}
	 * @throws TaskCancelledException always
	 */
	void cancel(String reason);

	/**
	 * The bound {@code qtasks.*} configuration.
	 * @return the configuration
	 */
	QTasksProperties getConfig();

	/**
	 * A component of the running system: {@code "broker"}, {@code "storage"},
	 * {@code "worker"}, {@code "client"}, or any bean by name.
	 * @param name the component or bean name
	 * @return the component
	 * @throws org.springframework.beans.factory.NoSuchBeanDefinitionException when
	 * nothing has that name
	 */
	Object getComponent(String name);

	/**
	 * Reads any task's record.
	 * @param uuid the task's uuid
	 * @return the record, or empty when unknown
	 */
	Optional<Task> getTask(UUID uuid);

	/**
	 * Reads this task's stored record as it is now.
	 * @return the record
	 */
	Task getMetadata();

	/**
	 * The handler applied to each element a generator task produces.
	 * @return the handler, or empty when the task has none
	 */
	Optional<GenerateHandler> generateHandler();

}

package io.qtasks;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.qtasks.middleware.TaskMiddleware;

/**
 * The task itself, passed to a {@code @QTask(echo = true)} method that declares a
 * parameter of this type (QTasks' {@code self}). It exposes the task's declaration and,
 * through {@link #ctx()}, the current run.
 *
 * @author QTasks contributors
 */
public interface TaskSelf {

	/**
	 * The task's name.
	 * @return the name
	 */
	String taskName();

	/**
	 * The task's tags.
	 * @return the tags, possibly empty
	 */
	List<String> tags();

	/**
	 * The task's declared priority.
	 * @return the priority; lower runs first
	 */
	int priority();

	/**
	 * The free {@code key=value} entries of the declaration.
	 * @return the entries, in declaration order
	 */
	Map<String, String> extra();

	/**
	 * How many retries the task allows.
	 * @return the number of retries (attempts = retry + 1)
	 */
	int retry();

	/**
	 * The exception types that lead to a retry; empty means any exception.
	 * @return the types
	 */
	List<Class<? extends Throwable>> retryOn();

	/**
	 * Whether the task receives itself ({@code echo = true}); always true where a
	 * {@code TaskSelf} is passed.
	 * @return the flag
	 */
	boolean echo();

	/**
	 * The decoder that turns the return value into what is stored.
	 * @return the decoder
	 */
	TaskDecoder decode();

	/**
	 * The name of the {@code Executor} bean the task runs on.
	 * @return the bean name, or an empty string for the worker pool
	 */
	String executor();

	/**
	 * The per-task middlewares that run before the call, after the global ones.
	 * @return the middlewares
	 */
	List<TaskMiddleware> middlewaresBefore();

	/**
	 * The per-task middlewares that run after the call, before the global ones.
	 * @return the middlewares
	 */
	List<TaskMiddleware> middlewaresAfter();

	/**
	 * The context of the current run.
	 * @return the context
	 */
	TaskContext ctx();

	/**
	 * Enqueues another task from inside this one, as {@link QTasks#addTask} does.
	 * @param taskName the task's name
	 * @param args positional arguments
	 * @return the record as stored
	 */
	Task addTask(String taskName, @Nullable Object @Nullable ... args);

	/**
	 * Starts a request for another task, as {@link QTasks#task(String)} does.
	 * @param taskName the task's name
	 * @return the request
	 */
	TaskRequest task(String taskName);

}

package io.qtasks.middleware;

/**
 * Code that runs around every attempt of a task (QTasks' middlewares). Every bean of this
 * type applies to every task, ordered by {@link org.springframework.core.annotation.Order
 * &#64;Order} or {@link org.springframework.core.Ordered}; per-task ones are named in
 * {@code @QTask(middlewaresBefore = ..., middlewaresAfter = ...)}.
 * <p>
 * Before the call: global middlewares, then per-task ones. After the call: per-task ones,
 * then global ones. Each runs once per attempt: a per-task middleware that is also a bean
 * runs in its global place only. A middleware that throws fails the attempt with its
 * exception (which is retried like any other failure).
 *
 * @author QTasks contributors
 */
public interface TaskMiddleware {

	/**
	 * Runs before the task method; may replace {@link TaskInvocation#args()} and
	 * {@link TaskInvocation#kwargs()} entries.
	 * @param invocation the attempt
	 */
	default void before(TaskInvocation invocation) {
	}

	/**
	 * Runs after the task method returned; may replace the result with
	 * {@link TaskInvocation#setResult(Object)}.
	 * @param invocation the attempt
	 */
	default void after(TaskInvocation invocation) {
	}

}

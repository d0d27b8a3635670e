package io.qtasks.context;

import java.util.Optional;

import io.qtasks.TaskContext;

/**
 * Holds the task run on the current thread: its {@link TaskContext} and the beans of the
 * {@link TaskScope task scope}.
 *
 * @author QTasks contributors
 */
public final class TaskContextHolder {

	private static final ThreadLocal<TaskScopeAttributes> CURRENT = new ThreadLocal<>();

	private TaskContextHolder() {
	}

	/**
	 * The context of the task running on this thread.
	 * @return the context
	 * @throws IllegalStateException when no task runs on this thread
	 */
	public static TaskContext currentContext() {
		return currentAttributes().context();
	}

	/**
	 * The context of the task running on this thread, if any.
	 * @return the context, or empty outside a task
	 */
	public static Optional<TaskContext> findContext() {
		TaskScopeAttributes attributes = CURRENT.get();
		return (attributes != null) ? Optional.of(attributes.context()) : Optional.empty();
	}

	static TaskScopeAttributes currentAttributes() {
		TaskScopeAttributes attributes = CURRENT.get();
		if (attributes == null) {
			throw new IllegalStateException("No task is running on this thread: TaskContext and other beans in the '"
					+ TaskScope.NAME + "' scope exist only while a @QTask method runs");
		}
		return attributes;
	}

	/**
	 * Makes a run's context current on this thread until the returned handle is closed;
	 * closing destroys the run's scoped beans and restores what was current before.
	 * @param context the run's context
	 * @return the handle to close when the run ends
	 */
	public static Activation activate(TaskContext context) {
		TaskScopeAttributes previous = CURRENT.get();
		TaskScopeAttributes attributes = new TaskScopeAttributes(context);
		CURRENT.set(attributes);
		return () -> {
			try {
				attributes.destroy();
			}
			finally {
				if (previous != null) {
					CURRENT.set(previous);
				}
				else {
					CURRENT.remove();
				}
			}
		};
	}

	/**
	 * Ends an activation.
	 */
	@FunctionalInterface
	public interface Activation extends AutoCloseable {

		@Override
		void close();

	}

}

package io.qtasks.middleware;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of a task as seen by a {@link TaskMiddleware}.
 *
 * @author QTasks contributors
 */
public final class TaskInvocation {

	private final String taskName;

	private final UUID taskUuid;

	private final List<Object> args;

	private final Map<String, Object> kwargs;

	private @Nullable Object result;

	/**
	 * Creates an invocation.
	 * @param taskName the task's name
	 * @param taskUuid the task's uuid
	 * @param args the mutable positional arguments
	 * @param kwargs the mutable named arguments
	 */
	public TaskInvocation(String taskName, UUID taskUuid, List<Object> args, Map<String, Object> kwargs) {
		this.taskName = taskName;
		this.taskUuid = taskUuid;
		this.args = args;
		this.kwargs = kwargs;
	}

	/**
	 * The task's name.
	 * @return the name
	 */
	public String taskName() {
		return this.taskName;
	}

	/**
	 * The task's uuid.
	 * @return the uuid
	 */
	public UUID taskUuid() {
		return this.taskUuid;
	}

	/**
	 * The positional arguments as JSON values; change them before the call to change what
	 * the method receives.
	 * @return the mutable list
	 */
	public List<Object> args() {
		return this.args;
	}

	/**
	 * The named arguments as JSON values; change them before the call to change what the
	 * method receives.
	 * @return the mutable map
	 */
	public Map<String, Object> kwargs() {
		return this.kwargs;
	}

	/**
	 * The method's result, available after the call.
	 * @return the result, or {@code null} before the call
	 */
	public @Nullable Object getResult() {
		return this.result;
	}

	/**
	 * Replaces the result after the call.
	 * @param result the new result
	 */
	public void setResult(@Nullable Object result) {
		this.result = result;
	}

}

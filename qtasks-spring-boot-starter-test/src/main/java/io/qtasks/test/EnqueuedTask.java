package io.qtasks.test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.json.TaskJsonMapper;

/**
 * A task as it was enqueued, recorded by the {@link TaskRecorder}: its name, its
 * arguments (as the JSON values the task receives, or typed with {@link #arg(int, Class)}
 * and {@link #kwarg(String, Class)}) and its priority.
 *
 * @author QTasks contributors
 */
public final class EnqueuedTask {

	private final Task task;

	private final TaskJsonMapper json;

	EnqueuedTask(Task task, TaskJsonMapper json) {
		this.task = task;
		this.json = json;
	}

	/**
	 * The task's uuid.
	 * @return the uuid
	 */
	public UUID uuid() {
		return this.task.uuid();
	}

	/**
	 * The task's name.
	 * @return the name
	 */
	public String taskName() {
		return this.task.taskName();
	}

	/**
	 * The positional arguments, as JSON values (strings, numbers, booleans, lists, maps).
	 * @return the arguments
	 */
	public List<Object> args() {
		return this.task.args();
	}

	/**
	 * The named arguments, as JSON values.
	 * @return the named arguments
	 */
	public Map<String, Object> kwargs() {
		return this.task.kwargs();
	}

	/**
	 * One positional argument, read as the given type (a record, say).
	 * @param <T> the type
	 * @param index the argument's position, from 0
	 * @param type the type
	 * @return the argument
	 * @throws IndexOutOfBoundsException when there is no such argument
	 */
	public <T> @Nullable T arg(int index, Class<T> type) {
		return type.cast(this.json.fromJsonValue(args().get(index), type));
	}

	/**
	 * One named argument, read as the given type.
	 * @param <T> the type
	 * @param name the argument's name
	 * @param type the type
	 * @return the argument, or {@code null} when the task got no argument of that name
	 */
	public <T> @Nullable T kwarg(String name, Class<T> type) {
		return type.cast(this.json.fromJsonValue(kwargs().get(name), type));
	}

	/**
	 * The priority the task was enqueued with.
	 * @return the priority
	 */
	public int priority() {
		return this.task.priority();
	}

	/**
	 * The record as stored at the enqueue.
	 * @return the record
	 */
	public Task task() {
		return this.task;
	}

	@Override
	public String toString() {
		return "EnqueuedTask(taskName=" + taskName() + ", uuid=" + uuid() + ", args=" + args() + ", kwargs=" + kwargs()
				+ ", priority=" + priority() + ")";
	}

}

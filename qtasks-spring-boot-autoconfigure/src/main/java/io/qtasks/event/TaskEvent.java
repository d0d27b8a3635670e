package io.qtasks.event;

import org.springframework.context.ApplicationEvent;

import io.qtasks.Task;

/**
 * A change in a task's life, published as a Spring application event on the node where it
 * happened, after the engine stored it. Listeners run synchronously on the thread that
 * stored the change (a worker thread for the changes of a run), in order for each task;
 * make slow listeners {@code @Async}. What a listener throws is logged and does not
 * change the task.
 *
 * @author QTasks contributors
 */
public abstract class TaskEvent extends ApplicationEvent {

	private final Task task;

	/**
	 * Creates an event.
	 * @param task the record as stored
	 */
	protected TaskEvent(Task task) {
		super(task);
		this.task = task;
	}

	/**
	 * The task's record as stored by the change.
	 * @return the record
	 */
	public Task task() {
		return this.task;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[uuid=" + this.task.uuid() + ", taskName=" + this.task.taskName()
				+ ", status=" + this.task.status().value() + "]";
	}

}

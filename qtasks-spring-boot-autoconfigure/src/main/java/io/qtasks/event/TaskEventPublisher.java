package io.qtasks.event;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskRecordListener;

/**
 * Publishes the record changes the engine stores on this node as {@link TaskEvent}s.
 *
 * @author QTasks contributors
 */
public final class TaskEventPublisher implements TaskRecordListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Creates a publisher.
	 * @param publisher where the events go, usually the application context
	 */
	public TaskEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void recorded(@Nullable Task previous, Task record) {
		TaskEvent event = eventFor(previous, record);
		if (event != null) {
			this.publisher.publishEvent(event);
		}
	}

	/**
	 * The event a change makes, if any: progress writes, hand-backs and requeues make
	 * none.
	 * @param previous the record before the change, or {@code null}
	 * @param record the record as stored
	 * @return the event, or {@code null}
	 */
	static @Nullable TaskEvent eventFor(@Nullable Task previous, Task record) {
		TaskStatus before = (previous != null) ? previous.status() : null;
		return switch (record.status()) {
			case NEW -> (previous == null) ? new TaskEnqueuedEvent(record) : null;
			case PROCESS -> (before != TaskStatus.PROCESS || previous.attempt() != record.attempt())
					? new TaskStartedEvent(record) : null;
			case RETRY -> (before != TaskStatus.RETRY) ? new TaskRetryScheduledEvent(record) : null;
			case SUCCESS -> (previous == null || !previous.isFinished()) ? new TaskSucceededEvent(record) : null;
			case ERROR -> (previous == null || !previous.isFinished()) ? new TaskFailedEvent(record) : null;
			case CANCEL -> (previous == null || !previous.isFinished()) ? new TaskCancelledEvent(record) : null;
		};
	}

}

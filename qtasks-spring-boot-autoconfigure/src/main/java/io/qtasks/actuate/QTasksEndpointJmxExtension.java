package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.jmx.annotation.EndpointJmxExtension;

/**
 * Cancel, requeue and the changes of schedules of {@link QTasksEndpoint} over JMX. JMX
 * calls carry no caller that {@link EndpointWriteAccess} could judge, so these follow
 * Boot's access rules only ({@code management.endpoint.qtasks.access=read-only} removes
 * them): secure JMX itself, or keep it off (Boot's default).
 *
 * @author QTasks contributors
 * @see QTasksEndpointWebExtension
 */
@EndpointJmxExtension(endpoint = QTasksEndpoint.class)
public class QTasksEndpointJmxExtension {

	private final QTasksEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 */
	public QTasksEndpointJmxExtension(QTasksEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Cancels a task.
	 * @param uuid the task's uuid
	 * @param reason why; a default when not given
	 * @return what happened, and the record afterwards
	 * @see QTasksEndpoint#cancel(String, String)
	 */
	@DeleteOperation
	public CancelDescriptor cancel(@Selector String uuid, @Nullable String reason) {
		return this.delegate.cancel(uuid, reason);
	}

	/**
	 * Queues a task that ended in {@code error} or {@code cancel} again.
	 * @param uuid the task's uuid
	 * @return what happened, and the record afterwards
	 * @see QTasksEndpoint#requeue(String)
	 */
	@WriteOperation
	public RequeueDescriptor requeue(@Selector String uuid) {
		return this.delegate.requeue(uuid);
	}

	/**
	 * Pauses or resumes a schedule.
	 * @param name the schedule's name
	 * @param paused {@code true} to pause, {@code false} to resume
	 * @return the schedule afterwards, or {@code null} when none has that name
	 * @see QTasksEndpoint#pauseSchedule(String, boolean)
	 */
	@WriteOperation
	public @Nullable ScheduleDescriptor pauseSchedule(String name, boolean paused) {
		return this.delegate.pauseSchedule(name, paused);
	}

	/**
	 * Removes a schedule added at run time.
	 * @param name the schedule's name
	 * @return what happened
	 * @see QTasksEndpoint#removeSchedule(String)
	 */
	@DeleteOperation
	public ScheduleRemoval removeSchedule(String name) {
		return this.delegate.removeSchedule(name);
	}

	/**
	 * Queues again every task that ended in {@code status}, of one name or of any.
	 * @param status {@code error} (when not given) or {@code cancel}
	 * @param task only tasks of this name, or all
	 * @return how many were queued again
	 * @see QTasksEndpoint#requeueAll(String, String)
	 */
	@WriteOperation
	public RequeueAllDescriptor requeueAll(@Nullable String status, @Nullable String task) {
		return this.delegate.requeueAll(status, task);
	}

}

package io.qtasks.actuate;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import io.qtasks.Task;

/**
 * The HTTP face of {@link QTasksEndpoint}: {@code 404} for an unknown uuid, {@code 400}
 * for a malformed one or bad filters, {@code 202} for a cancel that a running task has
 * yet to honour, and {@code 409} for a cancel or requeue that the task's state does not
 * allow. Cancel, requeue and the changes of schedules ({@code schedules/{name}}) ask
 * {@link EndpointWriteAccess} first and answer {@code 403} with the reason, changing
 * nothing, when it refuses the caller.
 * <p>
 * Cancel and requeue take the caller as Spring Boot's {@link SecurityContext}, which
 * makes Boot map the requeue {@code POST} as consuming JSON, like every write operation
 * with parameters: a client sends {@code Content-Type: application/json} (a body is not
 * needed). That is also why {@link QTasksEndpoint} declares no write operations of its
 * own: a technology-neutral {@code POST} without the caller would be mapped beside this
 * one, for requests without that content type, and bypass the check.
 *
 * @author QTasks contributors
 */
@EndpointWebExtension(endpoint = QTasksEndpoint.class)
public class QTasksEndpointWebExtension {

	static final int STATUS_ACCEPTED = 202;

	static final int STATUS_FORBIDDEN = 403;

	static final int STATUS_BAD_REQUEST = 400;

	static final int STATUS_CONFLICT = 409;

	private final QTasksEndpoint delegate;

	private final EndpointWriteAccess writeAccess;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param writeAccess who may cancel and requeue
	 */
	public QTasksEndpointWebExtension(QTasksEndpoint delegate, EndpointWriteAccess writeAccess) {
		this.delegate = delegate;
		this.writeAccess = writeAccess;
	}

	/**
	 * {@code GET /actuator/qtasks?status=&task=&limit=}: the overview and the records,
	 * and whether the caller may cancel and requeue ({@code writes}), so that a client
	 * such as the dashboard offers only the actions it may take.
	 * @param status only records in this status, or all
	 * @param task only records of this task name, or all
	 * @param limit the most records
	 * @param caller who asks
	 * @return the overview and the records
	 */
	@ReadOperation
	public WebEndpointResponse<WebQTasksDescriptor> qtasks(@Nullable String status, @Nullable String task,
			@Nullable Integer limit, SecurityContext caller) {
		return new WebEndpointResponse<>(new WebQTasksDescriptor(this.delegate.qtasks(status, task, limit),
				this.writeAccess.refusal(caller) == null));
	}

	/**
	 * {@code GET /actuator/qtasks/{uuid}}.
	 * @param uuid the task's uuid
	 * @return the record, or {@code 404}
	 */
	@ReadOperation
	public WebEndpointResponse<Task> task(@Selector String uuid) {
		Task task = this.delegate.task(uuid);
		return (task != null) ? new WebEndpointResponse<>(task)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * {@code DELETE /actuator/qtasks/{uuid}?reason=}.
	 * @param uuid the task's uuid
	 * @param reason why
	 * @param caller who asks
	 * @return {@code 200} when a queued task was cancelled, {@code 202} when a running
	 * one was asked to stop, {@code 409} when it had already finished, {@code 404} when
	 * unknown, each with a {@link CancelDescriptor}; {@code 403} with a
	 * {@link RefusalDescriptor} when the caller may not cancel
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String uuid, @Nullable String reason, SecurityContext caller) {
		String refusal = this.writeAccess.refusal(caller);
		if (refusal != null) {
			return refused(refusal);
		}
		CancelDescriptor cancelled = this.delegate.cancel(uuid, reason);
		int status = switch (cancelled.outcome()) {
			case CANCELLED -> WebEndpointResponse.STATUS_OK;
			case CANCEL_REQUESTED -> STATUS_ACCEPTED;
			case ALREADY_FINISHED -> STATUS_CONFLICT;
			case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
		};
		return new WebEndpointResponse<>(cancelled, status);
	}

	/**
	 * {@code POST /actuator/qtasks/{uuid}} with {@code Content-Type: application/json}.
	 * @param uuid the task's uuid
	 * @param caller who asks
	 * @return {@code 200} when the task was queued again, {@code 409} when it had not
	 * ended in {@code error} or {@code cancel}, {@code 404} when unknown, each with a
	 * {@link RequeueDescriptor}; {@code 403} with a {@link RefusalDescriptor} when the
	 * caller may not requeue
	 */
	@WriteOperation
	public WebEndpointResponse<Object> requeue(@Selector String uuid, SecurityContext caller) {
		String refusal = this.writeAccess.refusal(caller);
		if (refusal != null) {
			return refused(refusal);
		}
		RequeueDescriptor requeued = this.delegate.requeue(uuid);
		int status = switch (requeued.outcome()) {
			case REQUEUED -> WebEndpointResponse.STATUS_OK;
			case NOT_REQUEUEABLE -> STATUS_CONFLICT;
			case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
		};
		return new WebEndpointResponse<>(requeued, status);
	}

	/**
	 * {@code POST /actuator/qtasks?status=error&task=} with
	 * {@code Content-Type: application/json}: queues again every task that ended in
	 * {@code status} (the dead letters, {@code error}, when not given; or
	 * {@code cancel}), of the named task or of any.
	 * @param status {@code error} or {@code cancel}
	 * @param task only tasks of this name, or all
	 * @param caller who asks
	 * @return {@code 200} with a {@link RequeueAllDescriptor} saying how many were queued
	 * again; {@code 403} with a {@link RefusalDescriptor} when the caller may not requeue
	 */
	@WriteOperation
	public WebEndpointResponse<Object> requeueAll(@Nullable String status, @Nullable String task,
			SecurityContext caller) {
		String refusal = this.writeAccess.refusal(caller);
		if (refusal != null) {
			return refused(refusal);
		}
		return new WebEndpointResponse<>(this.delegate.requeueAll(status, task), WebEndpointResponse.STATUS_OK);
	}

	/**
	 * {@code GET /actuator/qtasks/schedules/{name}}.
	 * @param collection {@code schedules}
	 * @param name the schedule's name
	 * @return the schedule, or {@code 404}
	 */
	@ReadOperation
	public WebEndpointResponse<Object> schedule(@Selector String collection, @Selector String name) {
		ScheduleDescriptor schedule = this.delegate.schedule(collection, name);
		return (schedule != null) ? new WebEndpointResponse<>(schedule)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * {@code POST /actuator/qtasks/schedules/{name}} with the JSON body {@code {"paused":
	 * true}} to pause the schedule, {@code {"paused": false}} to resume it.
	 * @param collection {@code schedules}
	 * @param name the schedule's name
	 * @param paused whether the schedule is to be paused
	 * @param caller who asks
	 * @return {@code 200} with the schedule afterwards, {@code 404} when unknown,
	 * {@code 400} without {@code paused}; {@code 403} with a {@link RefusalDescriptor}
	 * when the caller may not change schedules
	 */
	@WriteOperation
	public WebEndpointResponse<Object> pauseSchedule(@Selector String collection, @Selector String name,
			@Nullable Boolean paused, SecurityContext caller) {
		String refusal = this.writeAccess.refusal(caller);
		if (refusal != null) {
			return refused(refusal);
		}
		if (!QTasksEndpoint.SCHEDULES.equals(collection)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (paused == null) {
			return new WebEndpointResponse<>(
					new RefusalDescriptor(STATUS_BAD_REQUEST, "Bad Request",
							"Send {\"paused\": true} to pause the schedule, {\"paused\": false} to resume it"),
					STATUS_BAD_REQUEST);
		}
		ScheduleDescriptor schedule = this.delegate.pauseSchedule(name, paused);
		return (schedule != null) ? new WebEndpointResponse<>(schedule)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * {@code DELETE /actuator/qtasks/schedules/{name}}: removes a schedule added at run
	 * time.
	 * @param collection {@code schedules}
	 * @param name the schedule's name
	 * @param caller who asks
	 * @return {@code 200} with a {@link ScheduleRemovalDescriptor} when removed,
	 * {@code 404} when unknown, {@code 409} for a schedule declared with {@code @QTask}
	 * (pause it instead); {@code 403} with a {@link RefusalDescriptor} when the caller
	 * may not change schedules
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> removeSchedule(@Selector String collection, @Selector String name,
			SecurityContext caller) {
		String refusal = this.writeAccess.refusal(caller);
		if (refusal != null) {
			return refused(refusal);
		}
		if (!QTasksEndpoint.SCHEDULES.equals(collection)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return switch (this.delegate.removeSchedule(name)) {
			case REMOVED -> new WebEndpointResponse<>(new ScheduleRemovalDescriptor(name, ScheduleRemoval.REMOVED));
			case NOT_FOUND -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
			case DECLARED ->
				new WebEndpointResponse<>(
						new RefusalDescriptor(STATUS_CONFLICT, "Conflict",
								"Schedule '" + name
										+ "' is declared with @QTask and cannot be removed; pause it instead"),
						STATUS_CONFLICT);
		};
	}

	private static WebEndpointResponse<Object> refused(String reason) {
		return new WebEndpointResponse<>(new RefusalDescriptor(STATUS_FORBIDDEN, "Forbidden", reason),
				STATUS_FORBIDDEN);
	}

	/**
	 * The answer to a removed schedule.
	 *
	 * @param name the schedule's name
	 * @param outcome {@code REMOVED}
	 */
	public record ScheduleRemovalDescriptor(String name, ScheduleRemoval outcome) {

	}

	/**
	 * The main answer over HTTP: the endpoint's, with whether the caller may write.
	 *
	 * @param overview the endpoint's answer, whose fields this one shows as its own
	 * @param writes whether the caller may cancel and requeue
	 */
	public record WebQTasksDescriptor(@JsonUnwrapped QTasksDescriptor overview, boolean writes) {

	}

	/**
	 * The answer to a refused cancel or requeue, shaped like Spring Boot's error
	 * responses.
	 *
	 * @param status the HTTP status, {@code 403}
	 * @param error the status' reason phrase
	 * @param message why the write was refused, and what would allow it
	 */
	public record RefusalDescriptor(int status, String error, String message) {

	}

}

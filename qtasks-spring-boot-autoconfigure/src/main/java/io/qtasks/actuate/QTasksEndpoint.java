package io.qtasks.actuate;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.StringUtils;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskSchedules;
import io.qtasks.TaskStatus;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * The {@code qtasks} actuator endpoint: what this application's QTasks knows (task
 * definitions, records by status, the queue, live worker nodes, recurring schedules) and
 * the records themselves, with cancel and requeue, and the pause, resume and removal of
 * schedules ({@code schedules/{name}}). Works the same on every broker; on a shared one
 * (Redis) it shows the whole application, not just this node.
 * <p>
 * {@link QTasksEndpointWebExtension} gives the operations their HTTP statuses. The
 * answers are written by the application's JSON mapper, like the records everywhere else:
 * a task here is exactly the JSON of {@link Task}.
 * <p>
 * Only the reads are operations here. Cancel and requeue are declared per technology, by
 * {@link QTasksEndpointWebExtension} (which asks {@link EndpointWriteAccess} about the
 * caller) and {@link QTasksEndpointJmxExtension}: an HTTP write that takes the caller is
 * mapped differently from one that does not, so a write declared here would stay
 * reachable over HTTP beside the checked one. The default access is unrestricted so that
 * the writes exist at all; without Spring Security the web extension still refuses them
 * unless the access is set to unrestricted explicitly.
 *
 * @author QTasks contributors
 */
@Endpoint(id = "qtasks", defaultAccess = Access.UNRESTRICTED)
public class QTasksEndpoint {

	/**
	 * How many records a listing returns when it does not say.
	 */
	public static final int DEFAULT_LIMIT = 20;

	/**
	 * The most records one listing returns.
	 */
	public static final int MAX_LIMIT = 1000;

	/**
	 * The most malformed queue entries the answer lists.
	 */
	public static final int MAX_DEAD_LETTERS = 100;

	/**
	 * The cancel reason when the request gives none.
	 */
	public static final String DEFAULT_CANCEL_REASON = "Cancelled through the qtasks actuator endpoint";

	/**
	 * The first path segment of the schedules' operations, {@code schedules/{name}}.
	 */
	public static final String SCHEDULES = "schedules";

	private final TaskEngine engine;

	private final TaskDefinitionRegistry definitions;

	private final WorkerNodeRegistry nodes;

	private final @Nullable TaskSchedules schedules;

	private final WorkflowStates workflows;

	/**
	 * Creates the endpoint without schedules.
	 * @param engine the queue and the records
	 * @param definitions the tasks this node knows
	 * @param nodes the live worker nodes
	 */
	public QTasksEndpoint(TaskEngine engine, TaskDefinitionRegistry definitions, WorkerNodeRegistry nodes) {
		this(engine, definitions, nodes, null);
	}

	/**
	 * Creates the endpoint.
	 * @param engine the queue and the records
	 * @param definitions the tasks this node knows
	 * @param nodes the live worker nodes
	 * @param schedules the recurring schedules, or {@code null} for none
	 */
	public QTasksEndpoint(TaskEngine engine, TaskDefinitionRegistry definitions, WorkerNodeRegistry nodes,
			@Nullable TaskSchedules schedules) {
		this.engine = engine;
		this.definitions = definitions;
		this.nodes = nodes;
		this.schedules = schedules;
		this.workflows = new WorkflowStates(engine);
	}

	/**
	 * The overview and the records, newest first.
	 * @param status only records in this status ({@code new}, {@code process},
	 * {@code retry}, {@code success}, {@code error}, {@code cancel}), or all
	 * @param task only records of this task name, or all
	 * @param limit the most records, {@value #DEFAULT_LIMIT} when not given, at most
	 * {@value #MAX_LIMIT}
	 * @return the description
	 * @throws InvalidEndpointRequestException for an unknown status or a limit out of
	 * range
	 */
	@ReadOperation
	public QTasksDescriptor qtasks(@Nullable String status, @Nullable String task, @Nullable Integer limit) {
		TaskQuery query = EndpointArguments.query(status, task, limit);
		List<TaskDefinition> known = this.definitions.getDefinitions().stream().toList();
		FlowDescriptors flow = new FlowDescriptors(this.engine.stats().flowStats(FlowDescriptors.limits(known)));
		return new QTasksDescriptor(this.engine.type(), counts(), queue(), flow.queues(), liveNodes(),
				definitions(known, flow), schedules(),
				new QueryDescriptor(query.status(), query.taskName(), query.limit()), this.engine.list(query),
				this.engine.stats().deadLetters(MAX_DEAD_LETTERS));
	}

	/**
	 * One schedule, at {@code schedules/{name}}.
	 * @param collection {@code schedules}
	 * @param name the schedule's name
	 * @return the schedule, or {@code null} when none has that name
	 */
	@ReadOperation
	public @Nullable ScheduleDescriptor schedule(@Selector String collection, @Selector String name) {
		if (!SCHEDULES.equals(collection) || this.schedules == null) {
			return null;
		}
		return this.schedules.get(name).map(ScheduleDescriptor::of).orElse(null);
	}

	/**
	 * Pauses or resumes a schedule. Not an operation of this endpoint: the extensions
	 * expose it.
	 * @param name the schedule's name
	 * @param paused {@code true} to pause, {@code false} to resume
	 * @return the schedule afterwards, or {@code null} when none has that name
	 */
	public @Nullable ScheduleDescriptor pauseSchedule(String name, boolean paused) {
		if (this.schedules == null) {
			return null;
		}
		boolean found = paused ? this.schedules.pause(name) : this.schedules.resume(name);
		return found ? this.schedules.get(name).map(ScheduleDescriptor::of).orElse(null) : null;
	}

	/**
	 * Removes a schedule added at run time. Not an operation of this endpoint: the
	 * extensions expose it.
	 * @param name the schedule's name
	 * @return what happened
	 */
	public ScheduleRemoval removeSchedule(String name) {
		if (this.schedules == null) {
			return ScheduleRemoval.NOT_FOUND;
		}
		try {
			return this.schedules.remove(name) ? ScheduleRemoval.REMOVED : ScheduleRemoval.NOT_FOUND;
		}
		catch (IllegalStateException ex) {
			return ScheduleRemoval.DECLARED;
		}
	}

	/**
	 * One record. One record. The record of a workflow's step lists, in
	 * {@code extra.workflow.states}, the status of every step of its workflow.
	 * @param uuid the task's uuid
	 * @return the record, or {@code null} when no task has that uuid
	 * @throws InvalidEndpointRequestException when the uuid is malformed
	 */
	@ReadOperation
	public @Nullable Task task(@Selector String uuid) {
		return this.engine.find(EndpointArguments.uuid(uuid)).map(this.workflows::withStates).orElse(null);
	}

	/**
	 * Cancels a task: a queued one at once, a running one is interrupted. Not an
	 * operation of this endpoint: the extensions expose it.
	 * @param uuid the task's uuid
	 * @param reason why, stored as the record's cancel reason; a default when not given
	 * @return what happened, and the record afterwards
	 * @throws InvalidEndpointRequestException when the uuid is malformed
	 */
	public CancelDescriptor cancel(@Selector String uuid, @Nullable String reason) {
		UUID id = EndpointArguments.uuid(uuid);
		CancelOutcome outcome = this.engine.cancel(id, StringUtils.hasText(reason) ? reason : DEFAULT_CANCEL_REASON);
		return new CancelDescriptor(outcome, this.engine.find(id).orElse(null));
	}

	/**
	 * Queues a task that ended in {@code error} or {@code cancel} again, as a new
	 * attempt. Not an operation of this endpoint: the extensions expose it.
	 * @param uuid the task's uuid
	 * @return what happened, and the record afterwards
	 * @throws InvalidEndpointRequestException when the uuid is malformed
	 */
	public RequeueDescriptor requeue(@Selector String uuid) {
		UUID id = EndpointArguments.uuid(uuid);
		RequeueOutcome outcome = this.engine.requeues().requeue(id);
		return new RequeueDescriptor(outcome, this.engine.find(id).orElse(null));
	}

	/**
	 * Queues again every task that ended in {@code status} ({@code error}, the dead
	 * letters, or {@code cancel}), of one name or of any. Not an operation of this
	 * endpoint: the extensions expose it.
	 * @param status {@code error} or {@code cancel}; {@code error} when not given
	 * @param task only tasks of this name, or all
	 * @return how many were queued again
	 * @throws InvalidEndpointRequestException for another status
	 */
	public RequeueAllDescriptor requeueAll(@Nullable String status, @Nullable String task) {
		TaskStatus filter = StringUtils.hasText(status) ? EndpointArguments.status(status) : TaskStatus.ERROR;
		if (filter != TaskStatus.ERROR && filter != TaskStatus.CANCEL) {
			String message = "Only tasks in error or cancel can be requeued, not " + filter.value();
			throw new InvalidEndpointRequestException(message, message);
		}
		String name = StringUtils.hasText(task) ? task : null;
		return new RequeueAllDescriptor(this.engine.requeues().requeueAll(filter, name), filter, name);
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.engine.stats().countByStatus().forEach((status, count) -> counts.put(status.value(), count));
		return counts;
	}

	private QueueDescriptor queue() {
		Map<String, Long> byPriority = new LinkedHashMap<>();
		this.engine.stats()
			.pendingCountByPriority()
			.forEach((priority, count) -> byPriority.put(String.valueOf(priority), count));
		return new QueueDescriptor(this.engine.stats().pendingCount(), this.engine.stats().waitingCount(), byPriority);
	}

	private List<ScheduleDescriptor> schedules() {
		return (this.schedules != null) ? this.schedules.list().stream().map(ScheduleDescriptor::of).toList()
				: List.of();
	}

	private List<WorkerNode> liveNodes() {
		return this.nodes.liveNodes().stream().sorted(Comparator.comparing(WorkerNode::id)).toList();
	}

	private static List<TaskDefinitionDescriptor> definitions(List<TaskDefinition> known, FlowDescriptors flow) {
		return known.stream()
			.map((definition) -> TaskDefinitionDescriptor.of(definition, flow.of(definition)))
			.sorted(Comparator.comparing(TaskDefinitionDescriptor::name))
			.toList();
	}

}

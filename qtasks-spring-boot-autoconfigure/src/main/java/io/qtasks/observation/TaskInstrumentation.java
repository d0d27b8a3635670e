package io.qtasks.observation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * Observes and counts what the client and the worker do: every enqueue and every
 * execution is a Micrometer {@link Observation} ({@link TaskObservationDocumentation}),
 * and enqueues, pickups and retries go to the {@link TaskMetrics}. The enqueue's trace
 * context is stored in the task as {@code extra.trace}, and the execution continues that
 * trace, so that a task's execution is a child span of the code that enqueued it, on any
 * node.
 * <p>
 * With {@link ObservationRegistry#NOOP} and {@link TaskMetrics#NONE} ({@link #NONE}) it
 * costs a check per call.
 *
 * @author QTasks contributors
 */
public class TaskInstrumentation {

	/**
	 * The {@link Task#extra()} entry carrying the trace context of the enqueue: a map of
	 * the tracer's propagation fields (such as {@code traceparent}).
	 */
	public static final String TRACE = "trace";

	/**
	 * Observes nothing and counts nothing.
	 */
	public static final TaskInstrumentation NONE = new TaskInstrumentation(ObservationRegistry.NOOP, TaskMetrics.NONE,
			null, null);

	private static final TaskEnqueueObservationConvention DEFAULT_ENQUEUE_CONVENTION = new DefaultTaskEnqueueObservationConvention();

	private static final TaskExecutionObservationConvention DEFAULT_EXECUTION_CONVENTION = new DefaultTaskExecutionObservationConvention();

	private final ObservationRegistry registry;

	private final TaskMetrics metrics;

	private final @Nullable TaskEnqueueObservationConvention enqueueConvention;

	private final @Nullable TaskExecutionObservationConvention executionConvention;

	/**
	 * Creates an instrumentation.
	 * @param registry where observations go
	 * @param metrics where enqueues, pickups and retries are counted
	 * @param enqueueConvention names and tags enqueue observations, {@code null} for the
	 * default
	 * @param executionConvention names and tags execution observations, {@code null} for
	 * the default
	 */
	public TaskInstrumentation(ObservationRegistry registry, TaskMetrics metrics,
			@Nullable TaskEnqueueObservationConvention enqueueConvention,
			@Nullable TaskExecutionObservationConvention executionConvention) {
		this.registry = registry;
		this.metrics = metrics;
		this.enqueueConvention = enqueueConvention;
		this.executionConvention = executionConvention;
	}

	/**
	 * Enqueues a task under an enqueue observation: the record gets the observation's
	 * trace context, then goes to the broker.
	 * @param task the new record
	 * @param broker stores and queues the record
	 * @return the record as stored (with {@code extra.trace} when a tracer added any)
	 */
	public Task enqueue(Task task, Consumer<Task> broker) {
		Task stored = enqueueIf(task, (traced) -> {
			broker.accept(traced);
			return true;
		});
		return Objects.requireNonNull(stored);
	}

	/**
	 * Enqueues a task under an enqueue observation, when the broker takes it: the record
	 * gets the observation's trace context, then goes to the broker; it counts as
	 * enqueued only when the broker stored it.
	 * @param task the new record
	 * @param broker stores and queues the record; {@code false} when it did not (a unique
	 * key another task holds)
	 * @return the record as stored (with {@code extra.trace} when a tracer added any), or
	 * {@code null} when the broker did not store it
	 */
	public @Nullable Task enqueueIf(Task task, Predicate<Task> broker) {
		if (this.registry.isNoop()) {
			return counted(task, broker.test(task));
		}
		TaskEnqueueContext context = new TaskEnqueueContext(task);
		Observation observation;
		Observation.Scope scope;
		try {
			observation = TaskObservationDocumentation.TASK_ENQUEUE
				.observation(this.enqueueConvention, DEFAULT_ENQUEUE_CONVENTION, () -> context, this.registry)
				.start();
			scope = observation.openScope();
		}
		catch (RuntimeException ex) {
			ObservationFailures.report("start the enqueue of task " + task.uuid(), ex);
			return counted(task, broker.test(task));
		}
		try {
			Task traced = withTrace(task, context.getCarrier());
			return counted(traced, broker.test(traced));
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			try {
				scope.close();
				observation.stop();
			}
			catch (RuntimeException ex) {
				ObservationFailures.report("stop the enqueue of task " + task.uuid(), ex);
			}
		}
	}

	private @Nullable Task counted(Task task, boolean stored) {
		if (!stored) {
			return null;
		}
		this.metrics.enqueued(task);
		return task;
	}

	/**
	 * Starts observing a worker's execution of a task, on the thread that runs it.
	 * @param task the claimed record
	 * @param waited how long it waited in the queue
	 * @return the open execution; {@link TaskExecution#stop() stop} it when the run ends
	 */
	public TaskExecution startExecution(Task task, Duration waited) {
		this.metrics.pickedUp(task, waited);
		if (this.registry.isNoop()) {
			return (this.metrics != TaskMetrics.NONE) ? new TaskExecution(task, this.metrics, Observation.NOOP, null)
					: TaskExecution.NONE;
		}
		TaskExecutionContext context = new TaskExecutionContext(task);
		Observation observation = TaskObservationDocumentation.TASK_EXECUTION.observation(this.executionConvention,
				DEFAULT_EXECUTION_CONVENTION, () -> context, this.registry);
		return new TaskExecution(task, this.metrics, observation, context);
	}

	private static Task withTrace(Task task, @Nullable Map<String, String> carrier) {
		if (carrier == null || carrier.isEmpty()) {
			return task;
		}
		return task.toBuilder().extra(TRACE, Map.copyOf(carrier)).build();
	}

}

package io.qtasks.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.qtasks.Task;

/**
 * Records enqueues, pickups and retries as Micrometer meters, each tagged with the task's
 * name: the counter {@value #ENQUEUED}, the timer {@value #PICKUP} (time from enqueue to
 * the start of a run) and the counter {@value #RETRIES}. Meters are looked up once per
 * task name.
 *
 * @author QTasks contributors
 */
public class MicrometerTaskMetrics implements TaskMetrics {

	/**
	 * The counter of enqueued tasks.
	 */
	public static final String ENQUEUED = "qtasks.task.enqueued";

	/**
	 * The timer of the wait between enqueue (or requeue) and the start of a run.
	 */
	public static final String PICKUP = "qtasks.task.pickup";

	/**
	 * The counter of failed attempts that are followed by another attempt.
	 */
	public static final String RETRIES = "qtasks.task.retries";

	private static final String TASK_TAG = "task";

	private final Map<String, Counter> enqueued = new ConcurrentHashMap<>();

	private final Map<String, Timer> pickups = new ConcurrentHashMap<>();

	private final Map<String, Counter> retries = new ConcurrentHashMap<>();

	private final Function<String, Counter> newEnqueued;

	private final Function<String, Timer> newPickup;

	private final Function<String, Counter> newRetries;

	/**
	 * Creates the metrics.
	 * @param registry where the meters are registered
	 */
	public MicrometerTaskMetrics(MeterRegistry registry) {
		this.newEnqueued = (task) -> Counter.builder(ENQUEUED)
			.description("Tasks enqueued by clients of this node")
			.tag(TASK_TAG, task)
			.register(registry);
		this.newPickup = (task) -> Timer.builder(PICKUP)
			.description("Time tasks waited in the queue before a worker of this node started them")
			.tag(TASK_TAG, task)
			.register(registry);
		this.newRetries = (task) -> Counter.builder(RETRIES)
			.description("Failed attempts that are followed by another attempt, on this node")
			.tag(TASK_TAG, task)
			.register(registry);
	}

	@Override
	public void enqueued(Task task) {
		this.enqueued.computeIfAbsent(task.taskName(), this.newEnqueued).increment();
	}

	@Override
	public void pickedUp(Task task, Duration waited) {
		this.pickups.computeIfAbsent(task.taskName(), this.newPickup)
			.record(waited.isNegative() ? Duration.ZERO : waited);
	}

	@Override
	public void retried(Task task, int failedAttempt) {
		this.retries.computeIfAbsent(task.taskName(), this.newRetries).increment();
	}

}

package io.qtasks.observation;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of flow control, across every node of a shared engine: {@value #TASKS_LIMITED}
 * (due tasks that wait for their cap or rate) tagged with each known {@code task},
 * {@value #QUEUE_LIMITED} (the same) tagged with each known {@code queue}, and
 * {@value #TASKS_DEAD} (records that ended in {@code error}: the dead letters) tagged
 * with each known {@code task}. Readings are kept for a while ({@code maxAge}).
 *
 * @author QTasks contributors
 */
public class TaskFlowMetrics implements MeterBinder {

	/**
	 * The gauges of due tasks that wait for their task's cap or rate, by task.
	 */
	public static final String TASKS_LIMITED = "qtasks.tasks.limited";

	/**
	 * The gauges of due tasks that wait for their task's cap or rate, by queue.
	 */
	public static final String QUEUE_LIMITED = "qtasks.queue.limited";

	/**
	 * The gauges of records that ended in error, by task.
	 */
	public static final String TASKS_DEAD = "qtasks.tasks.dead";

	private final Collection<String> taskNames;

	private final Collection<String> queues;

	private final CachedReading<Map<String, Long>> limitedByTask;

	private final CachedReading<Map<String, Long>> limitedByQueue;

	private final CachedReading<Map<String, Long>> deadByTask;

	/**
	 * Creates the gauges.
	 * @param taskNames the tasks to show
	 * @param queues the queues to show
	 * @param limitedByTask reads the tasks waiting for a limit, by task
	 * @param limitedByQueue reads the tasks waiting for a limit, by queue
	 * @param deadByTask reads the records in error, by task
	 * @param maxAge how long a reading of the limits is reused
	 * @param deadMaxAge how long a reading of the records in error is reused
	 */
	public TaskFlowMetrics(Collection<String> taskNames, Collection<String> queues,
			Supplier<Map<String, Long>> limitedByTask, Supplier<Map<String, Long>> limitedByQueue,
			Supplier<Map<String, Long>> deadByTask, Duration maxAge, Duration deadMaxAge) {
		this.taskNames = taskNames;
		this.queues = queues;
		this.limitedByTask = new CachedReading<>("tasks waiting for limits", limitedByTask, maxAge.toNanos());
		this.limitedByQueue = new CachedReading<>("tasks waiting for limits", limitedByQueue, maxAge.toNanos());
		this.deadByTask = new CachedReading<>("failed tasks", deadByTask, deadMaxAge.toNanos());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String task : this.taskNames) {
			gauge(registry, TASKS_LIMITED, "Due tasks that wait for their cap or rate", "task", task,
					this.limitedByTask);
			gauge(registry, TASKS_DEAD, "Task records that ended in error (dead letters)", "task", task,
					this.deadByTask);
		}
		for (String queue : this.queues) {
			gauge(registry, QUEUE_LIMITED, "Due tasks that wait for their cap or rate", "queue", queue,
					this.limitedByQueue);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description, String tag, String value,
			CachedReading<Map<String, Long>> reading) {
		Gauge.builder(name, this, (metrics) -> {
			Map<String, Long> counts = reading.get();
			return (counts != null) ? counts.getOrDefault(value, 0L) : Double.NaN;
		}).description(description).tag(tag, value).strongReference(true).register(registry);
	}

}

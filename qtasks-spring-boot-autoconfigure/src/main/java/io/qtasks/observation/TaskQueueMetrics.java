package io.qtasks.observation;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.qtasks.TaskStatus;

/**
 * Gauges of the queue and the records, read from the broker and the storage: the gauge
 * {@value #QUEUE_DEPTH} (due tasks waiting for a worker), the gauge
 * {@value #QUEUE_WAITING} (tasks held until an instant: delayed tasks, retries in their
 * pause) and the gauges {@value #TASKS} tagged with each {@code status}. On a shared
 * engine (Redis) they show the whole application, not one node.
 * <p>
 * A reading is kept for a short while ({@code maxAge}), so that a scrape of all the
 * gauges costs one read of the counts rather than one per gauge. A reading that fails
 * (the engine is unreachable) shows as {@code NaN}.
 *
 * @author QTasks contributors
 */
public class TaskQueueMetrics implements MeterBinder {

	/**
	 * The gauge of tasks waiting in the queue.
	 */
	public static final String QUEUE_DEPTH = "qtasks.queue.depth";

	/**
	 * The gauge of tasks held until an instant, not yet due.
	 */
	public static final String QUEUE_WAITING = "qtasks.queue.waiting";

	/**
	 * The gauges of stored records by status.
	 */
	public static final String TASKS = "qtasks.tasks";

	private final CachedReading<Long> depth;

	private final @Nullable CachedReading<Long> waiting;

	private final CachedReading<Map<TaskStatus, Long>> counts;

	/**
	 * Creates the gauges.
	 * @param queueDepth reads the number of queued tasks
	 * @param countsByStatus reads the number of records by status
	 * @param maxAge how long a reading is reused
	 */
	public TaskQueueMetrics(Supplier<Long> queueDepth, Supplier<Map<TaskStatus, Long>> countsByStatus,
			Duration maxAge) {
		this(queueDepth, null, countsByStatus, maxAge);
	}

	/**
	 * Creates the gauges, the waiting tasks included.
	 * @param queueDepth reads the number of due tasks
	 * @param waiting reads the number of tasks held until an instant, or {@code null} for
	 * no such gauge
	 * @param countsByStatus reads the number of records by status
	 * @param maxAge how long a reading is reused
	 */
	public TaskQueueMetrics(Supplier<Long> queueDepth, @Nullable Supplier<Long> waiting,
			Supplier<Map<TaskStatus, Long>> countsByStatus, Duration maxAge) {
		this.depth = new CachedReading<>("queue depth", queueDepth, maxAge.toNanos());
		this.waiting = (waiting != null) ? new CachedReading<>("waiting tasks", waiting, maxAge.toNanos()) : null;
		this.counts = new CachedReading<>("counts by status", countsByStatus, maxAge.toNanos());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(QUEUE_DEPTH, this, TaskQueueMetrics::queueDepth)
			.description("Tasks waiting in the queue")
			.strongReference(true)
			.register(registry);
		if (this.waiting != null) {
			Gauge.builder(QUEUE_WAITING, this, TaskQueueMetrics::waiting)
				.description("Tasks held until an instant (delays, retry pauses), not yet due")
				.strongReference(true)
				.register(registry);
		}
		for (TaskStatus status : TaskStatus.values()) {
			Gauge.builder(TASKS, this, (metrics) -> metrics.count(status))
				.description("Stored task records by status")
				.tag("status", status.value())
				.strongReference(true)
				.register(registry);
		}
	}

	private double queueDepth() {
		Long depth = this.depth.get();
		return (depth != null) ? depth : Double.NaN;
	}

	private double waiting() {
		Long waiting = (this.waiting != null) ? this.waiting.get() : null;
		return (waiting != null) ? waiting : Double.NaN;
	}

	private double count(TaskStatus status) {
		Map<TaskStatus, Long> counts = this.counts.get();
		return (counts != null) ? counts.getOrDefault(status, 0L) : Double.NaN;
	}

}

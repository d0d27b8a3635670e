package io.qtasks.actuate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.qtasks.definition.TaskDefinition;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

/**
 * The flow parts of the endpoint's answer: each named queue's depth and running count,
 * and each task's cap, rate and counts, from the engine's {@link FlowStats}.
 *
 * @author QTasks contributors
 */
public final class FlowDescriptors {

	private final FlowStats stats;

	private final Map<String, Counts> byTask = new HashMap<>();

	FlowDescriptors(FlowStats stats) {
		this.stats = stats;
		for (FlowStats.Lane lane : stats.lanes()) {
			this.byTask.merge(lane.taskName(), Counts.of(lane), Counts::plus);
		}
	}

	static Map<String, TaskLimits> limits(List<TaskDefinition> definitions) {
		Map<String, TaskLimits> limits = new HashMap<>();
		definitions.forEach((definition) -> limits.put(definition.name(), definition.limits()));
		return limits;
	}

	Map<String, NamedQueueDescriptor> queues() {
		Map<String, Counts> due = new TreeMap<>();
		for (FlowStats.Lane lane : this.stats.lanes()) {
			due.merge(lane.queue(), Counts.of(lane), Counts::plus);
		}
		this.stats.runningByQueue().keySet().forEach((queue) -> due.putIfAbsent(queue, new Counts(0, 0)));
		Map<String, NamedQueueDescriptor> queues = new TreeMap<>();
		due.forEach((queue, counts) -> queues.put(queue, new NamedQueueDescriptor(counts.due(),
				this.stats.runningByQueue().getOrDefault(queue, 0L), counts.limited())));
		return queues;
	}

	FlowDescriptor of(TaskDefinition definition) {
		Counts counts = this.byTask.getOrDefault(definition.name(), new Counts(0, 0));
		TaskLimits limits = definition.limits();
		RateLimit rate = limits.rateLimit();
		return new FlowDescriptor(definition.queue(), (limits.maxConcurrency() > 0) ? limits.maxConcurrency() : null,
				(rate != null) ? rate.permits() + "/" + rate.window() : null,
				this.stats.runningByTask().getOrDefault(definition.name(), 0L), counts.due(), counts.limited());
	}

	/**
	 * A named queue.
	 *
	 * @param depth how many of its tasks are due
	 * @param running how many of its tasks are claimed now, on every node
	 * @param waitingForLimit how many of its due tasks wait for their cap or rate
	 */
	public record NamedQueueDescriptor(long depth, long running, long waitingForLimit) {

	}

	/**
	 * A task's queue, limits and counts.
	 *
	 * @param queue the queue its runs wait in (unless a request names another)
	 * @param maxConcurrency its cap, or {@code null} for none
	 * @param rateLimit its rate (the window as an ISO-8601 duration), or {@code null}
	 * @param running how many of its runs are claimed now, on every node
	 * @param waiting how many of its tasks are due
	 * @param waitingForLimit how many of them wait for its cap or rate
	 */
	public record FlowDescriptor(String queue, @Nullable Integer maxConcurrency, @Nullable String rateLimit,
			long running, long waiting, long waitingForLimit) {

	}

	private record Counts(long due, long limited) {

		static Counts of(FlowStats.Lane lane) {
			return new Counts(lane.due(), lane.limited() ? lane.due() : 0);
		}

		Counts plus(Counts other) {
			return new Counts(this.due + other.due, this.limited + other.limited);
		}

	}

}

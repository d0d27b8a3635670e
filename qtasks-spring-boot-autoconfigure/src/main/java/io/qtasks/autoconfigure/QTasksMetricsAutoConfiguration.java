package io.qtasks.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;

import io.qtasks.TaskStatus;
import io.qtasks.config.QTasksProperties;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.observation.MicrometerTaskMetrics;
import io.qtasks.observation.TaskFlowMetrics;
import io.qtasks.observation.TaskMetrics;
import io.qtasks.observation.TaskQueueMetrics;

/**
 * Auto-configuration of QTasks' Micrometer meters, when the application has a
 * {@link MeterRegistry}: counters of enqueues and retries, a timer of pickup latency, and
 * gauges of the queue, of the records by status, of the tasks waiting for their limits
 * and of the dead letters. The timers of enqueues and executions come from their
 * observations (see {@link QTasksAutoConfiguration}).
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TaskEngine.class })
public final class QTasksMetricsAutoConfiguration {

	/**
	 * How long one reading of the queue depth and the counts serves the gauges, so that a
	 * scrape costs one round trip to the broker.
	 */
	private static final Duration GAUGE_READING_MAX_AGE = Duration.ofSeconds(1);

	/**
	 * How long one count of the records in error serves their gauges: counting lists
	 * them.
	 */
	private static final Duration DEAD_LETTERS_READING_MAX_AGE = Duration.ofSeconds(30);

	/**
	 * The most records in error counted for the gauges (on Redis, among the newest
	 * records a listing looks at).
	 */
	private static final int DEAD_LETTERS_COUNTED = 10_000;

	@Bean
	@ConditionalOnMissingBean
	TaskMetrics qtasksTaskMetrics(MeterRegistry registry) {
		return new MicrometerTaskMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskQueueMetrics qtasksTaskQueueMetrics(TaskEngine engine) {
		return new TaskQueueMetrics(engine.stats()::pendingCount, engine.stats()::waitingCount,
				engine.stats()::countByStatus, GAUGE_READING_MAX_AGE);
	}

	/**
	 * Binds the flow gauges once the context is refreshed: only then are the task
	 * definitions, whose names and queues tag them, all registered.
	 */
	@Bean
	ApplicationListener<ContextRefreshedEvent> qtasksTaskFlowMetricsBinder(MeterRegistry registry, TaskEngine engine,
			TaskDefinitionRegistry definitions, QTasksProperties properties) {
		AtomicBoolean bound = new AtomicBoolean();
		return (event) -> {
			if (bound.compareAndSet(false, true)) {
				flowMetrics(engine, definitions, properties).bindTo(registry);
			}
		};
	}

	private static TaskFlowMetrics flowMetrics(TaskEngine engine, TaskDefinitionRegistry definitions,
			QTasksProperties properties) {
		Map<String, TaskLimits> limits = new HashMap<>();
		Set<String> queues = new TreeSet<>(properties.getWorker().getQueues());
		queues.add(ClaimRequest.DEFAULT_QUEUE);
		queues.addAll(properties.getWorker().getQueueConcurrency().keySet());
		for (TaskDefinition definition : definitions.getDefinitions()) {
			limits.put(definition.name(), definition.limits());
			queues.add(definition.queue());
		}
		return new TaskFlowMetrics(Set.copyOf(limits.keySet()), queues,
				() -> limitedBy(engine.stats().flowStats(limits), FlowStats.Lane::taskName),
				() -> limitedBy(engine.stats().flowStats(limits), FlowStats.Lane::queue), () -> failedByTask(engine),
				GAUGE_READING_MAX_AGE, DEAD_LETTERS_READING_MAX_AGE);
	}

	private static Map<String, Long> limitedBy(FlowStats stats, Function<FlowStats.Lane, String> key) {
		Map<String, Long> counts = new HashMap<>();
		stats.lanes()
			.stream()
			.filter(FlowStats.Lane::limited)
			.forEach((lane) -> counts.merge(key.apply(lane), lane.due(), Long::sum));
		return counts;
	}

	private static Map<String, Long> failedByTask(TaskEngine engine) {
		Map<String, Long> counts = new HashMap<>();
		engine.list(new TaskQuery(TaskStatus.ERROR, null, DEAD_LETTERS_COUNTED))
			.forEach((task) -> counts.merge(task.taskName(), 1L, Long::sum));
		return counts;
	}

}

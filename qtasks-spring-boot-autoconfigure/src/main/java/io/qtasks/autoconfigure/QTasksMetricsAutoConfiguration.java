package io.qtasks.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.qtasks.engine.TaskEngine;
import io.qtasks.observation.MicrometerTaskMetrics;
import io.qtasks.observation.TaskMetrics;
import io.qtasks.observation.TaskQueueMetrics;

/**
 * Auto-configuration of QTasks' Micrometer meters, when the application has a
 * {@link MeterRegistry}: counters of enqueues and retries, a timer of pickup latency, and
 * gauges of the queue (due and waiting tasks) and of the records by status. The timers of
 * enqueues and executions come from their observations (see
 * {@link QTasksAutoConfiguration}).
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

	@Bean
	@ConditionalOnMissingBean
	TaskMetrics qtasksTaskMetrics(MeterRegistry registry) {
		return new MicrometerTaskMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskQueueMetrics qtasksTaskQueueMetrics(TaskEngine engine) {
		return new TaskQueueMetrics(engine::pendingCount, engine::waitingCount, engine::countByStatus,
				GAUGE_READING_MAX_AGE);
	}

}

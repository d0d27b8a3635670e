package io.qtasks.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.observation.MicrometerTaskMetrics;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.observation.TaskMetrics;
import io.qtasks.observation.TaskQueueMetrics;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QTasksMetricsAutoConfiguration}.
 *
 * @author QTasks contributors
 */
class QTasksMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withConfiguration(AutoConfigurations.of(QTasksMetricsAutoConfiguration.class));

	@Test
	void metersWithBootsMeterRegistry() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerTaskMetrics.class).hasSingleBean(TaskQueueMetrics.class);
				context.getBean(QTasks.class).addTask("anything");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("qtasks.task.enqueued").tag("task", "anything").counter().count()).isEqualTo(1);
				assertThat(registry.get("qtasks.queue.depth").gauge()).isNotNull();
			});
	}

	@Test
	void gaugesOfTasksWaitingForTheirLimitsAndOfDeadLetters() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(CappedTask.class)
			.withPropertyValues("qtasks.worker.enabled=false")
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				for (int i = 0; i < 3; i++) {
					qtasks.addTask("capped_one", i);
				}
				TaskEngine engine = context.getBean(TaskEngine.class);
				List<TaskDelivery> claimed = engine.claim(new ClaimRequest(5, null, Duration.ZERO)
					.withLimits(Map.of("capped_one", new TaskLimits(1, null))));
				assertThat(claimed).hasSize(1);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("qtasks.tasks.limited").tag("task", "capped_one").gauge().value()).isEqualTo(2);
				assertThat(registry.get("qtasks.queue.limited").tag("queue", "reports").gauge().value()).isEqualTo(2);
				assertThat(registry.get("qtasks.queue.limited").tag("queue", "default").gauge().value()).isZero();
				TaskDelivery delivery = claimed.get(0);
				delivery.complete(
						engine.transitions().failed(engine.transitions().started(delivery.task(), false), "broken"));
				assertThat(registry.get("qtasks.tasks.dead").tag("task", "capped_one").gauge().value()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CappedTask {

		@QTask(name = "capped_one", queue = "reports", maxConcurrency = 1)
		public void cappedOne(int index) {
		}

	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(TaskMetrics.class).doesNotHaveBean(TaskQueueMetrics.class);
			assertThat(context).hasSingleBean(TaskInstrumentation.class);
			assertThat(context.getBean(QTasks.class).addTask("anything").status()).isNotNull();
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskMetrics.class));
	}

	@Test
	void userMetricsWin() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withBean(TaskMetrics.class, () -> TaskMetrics.NONE)
			.run((context) -> assertThat(context).hasSingleBean(TaskMetrics.class)
				.doesNotHaveBean(MicrometerTaskMetrics.class));
	}

}

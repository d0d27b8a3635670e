package io.qtasks.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.autoconfigure.QTasksMetricsAutoConfiguration;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters QTasks records with Spring Boot's metrics (a {@link SimpleMeterRegistry}),
 * after a known mix of successes, errors, retries and a cancel.
 *
 * @author QTasks contributors
 */
class TaskMetricsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				QTasksMetricsAutoConfiguration.class))
		.withBean(MeteredTasks.class);

	@Test
	void recordsExecutionsEnqueuesPickupsRetriesAndGauges() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			List<UUID> queued = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				queued.add(qtasks.addTask("fine", i).uuid());
			}
			for (int i = 0; i < 2; i++) {
				queued.add(qtasks.addTask("broken", i).uuid());
			}
			queued.add(qtasks.addTask("flaky").uuid());
			queued.add(qtasks.addTask("gives_up").uuid());
			queued.forEach((uuid) -> assertThat(qtasks.waitResult(uuid, WAIT)).isPresent());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(executions(registry, "fine", "success")).isEqualTo(3);
				assertThat(executions(registry, "broken", "error")).isEqualTo(2);
				assertThat(executions(registry, "flaky", "success")).isEqualTo(1);
				assertThat(executions(registry, "gives_up", "cancel")).isEqualTo(1);
				// each failed attempt that is retried is an execution of its own
				assertThat(executions(registry, "broken", "retry")).isEqualTo(4);
				assertThat(executions(registry, "flaky", "retry")).isEqualTo(1);
			});
			assertThat(registry.find("qtasks.task.execution").timers()).hasSize(6);
			assertThat(
					registry.get("qtasks.task.execution.active").tags("task", "fine").longTaskTimer().getId().getTags())
				.extracting(Tag::getKey)
				.containsExactly("task");
			assertThat(registry.get("qtasks.task.execution").tags("task", "broken").timer().getId().getTag("error"))
				.isEqualTo("IllegalStateException");
			assertThat(counter(registry, "qtasks.task.enqueued", "fine")).isEqualTo(3);
			assertThat(counter(registry, "qtasks.task.enqueued", "broken")).isEqualTo(2);
			assertThat(counter(registry, "qtasks.task.enqueued", "flaky")).isEqualTo(1);
			assertThat(registry.get("qtasks.task.enqueue").tags("task", "fine").timer().count()).isEqualTo(3);
			assertThat(counter(registry, "qtasks.task.retries", "broken")).isEqualTo(4);
			assertThat(counter(registry, "qtasks.task.retries", "flaky")).isEqualTo(1);
			assertThat(registry.find("qtasks.task.retries").tags("task", "fine").counter()).isNull();
			assertThat(registry.get("qtasks.task.pickup").tags("task", "fine").timer().count()).isEqualTo(3);
			assertThat(registry.get("qtasks.task.pickup").timers()).hasSize(4);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(gauge(registry, "success")).isEqualTo(4);
				assertThat(gauge(registry, "error")).isEqualTo(2);
				assertThat(gauge(registry, "cancel")).isEqualTo(1);
				assertThat(gauge(registry, "new")).isZero();
				assertThat(registry.get("qtasks.queue.depth").gauge().value()).isZero();
			});
		});
	}

	@Test
	void gaugesFollowTheQueue() {
		this.runner.withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			qtasks.addTask("fine", 1);
			qtasks.addTask("fine", 2);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(registry.get("qtasks.queue.depth").gauge().value()).isEqualTo(2);
				assertThat(gauge(registry, TaskStatus.NEW.value())).isEqualTo(2);
			});
		});
	}

	@Test
	void theWaitingGaugeCountsTasksNotYetDueAndUniqueAddsCountOnce() {
		this.runner.withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			qtasks.task("fine").args(1).delay(Duration.ofHours(1)).add();
			qtasks.task("fine").args(2).at(Instant.now().plus(Duration.ofHours(2))).add();
			qtasks.task("fine").args(3).uniqueKey("once").add();
			qtasks.task("fine").args(4).uniqueKey("once").add();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(registry.get("qtasks.queue.waiting").gauge().value()).isEqualTo(2);
				assertThat(registry.get("qtasks.queue.depth").gauge().value()).isEqualTo(1);
				assertThat(gauge(registry, TaskStatus.NEW.value())).isEqualTo(3);
			});
			assertThat(counter(registry, "qtasks.task.enqueued", "fine")).isEqualTo(3);
		});
	}

	@Test
	void thePickupOfADelayedTaskCountsFromItsDueTime() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = qtasks.task("fine").args(1).delay(Duration.ofMillis(1500)).addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			Timer pickup = context.getBean(MeterRegistry.class).get("qtasks.task.pickup").tags("task", "fine").timer();
			assertThat(pickup.count()).isEqualTo(1);
			// from the enqueue it would be at least the delay
			assertThat(pickup.totalTime(TimeUnit.MILLISECONDS)).isLessThan(1000);
		});
	}

	@Test
	void aConventionBeanTagsTheExecutions() {
		this.runner.withBean(TaskExecutionObservationConvention.class, TeamConvention::new).run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			UUID uuid = qtasks.addTask("fine", 1).uuid();
			assertThat(qtasks.waitResult(uuid, WAIT)).isPresent();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(registry.get("qtasks.task.execution")
					.tags(Tags.of("task", "fine", "outcome", "success", "team", "billing"))
					.timer()
					.count()).isEqualTo(1));
		});
	}

	private static long executions(MeterRegistry registry, String task, String outcome) {
		var timer = registry.find("qtasks.task.execution").tags("task", task, "outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static double counter(MeterRegistry registry, String name, String task) {
		return registry.get(name).tags("task", task).counter().count();
	}

	private static double gauge(MeterRegistry registry, String status) {
		return registry.get("qtasks.tasks").tags("status", status).gauge().value();
	}

	static class TeamConvention extends DefaultTaskExecutionObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(TaskExecutionContext context) {
			return super.getLowCardinalityKeyValues(context).and("team", "billing");
		}

	}

	static class MeteredTasks {

		@QTask(name = "fine")
		public int fine(int value) {
			return value;
		}

		@QTask(name = "broken", retry = 2)
		public String broken(int value) {
			throw new IllegalStateException("broken " + value);
		}

		@QTask(name = "flaky", retry = 1)
		public String flaky(TaskContext context) {
			if (context.attempt() == 1) {
				throw new IllegalStateException("first attempt");
			}
			return "second attempt";
		}

		@QTask(name = "gives_up")
		public String givesUp(TaskContext context) {
			context.cancel("not today");
			return "never";
		}

	}

}

package io.qtasks.autoconfigure;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskRequest;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.client.DefaultQTasks;
import io.qtasks.config.QTasksProperties;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.test.QTasksContextRunner;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QTasksAutoConfiguration}.
 *
 * @author QTasks contributors
 */
class QTasksAutoConfigurationTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create();

	@Test
	void defaultsToTheMemoryEngineWithARunningWorker() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(QTasks.class)
				.hasSingleBean(MemoryTaskQueue.class)
				.hasSingleBean(MemoryTaskRecordStore.class)
				.hasSingleBean(MemoryTaskEvents.class)
				.hasSingleBean(TaskDefinitionRegistry.class)
				.hasSingleBean(QTasksWorker.class);
			assertThat(context.getBean(QTasksWorker.class).isRunning()).isTrue();
			assertThat(context.getBean(QTasksWorker.class).getConcurrency()).isEqualTo(10);
			QTasksProperties properties = context.getBean(QTasksProperties.class);
			assertThat(properties.getBroker().getType()).isEqualTo(QTasksProperties.BrokerType.MEMORY);
			assertThat(properties.getName()).isEqualTo("qtasks");
			assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("memory");
		});
	}

	@Test
	void registersTheWorkerNodeWithoutBeanValidationOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(jakarta.validation.Validator.class)).run((context) -> {
			String id = context.getBean(QTasksWorker.class).getId();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(context.getBean(WorkerNodeRegistry.class).liveNodes())
					.extracting(WorkerNode::id)
					.containsExactly(id));
		});
	}

	@Test
	void bindsWorkerProperties() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=3", "qtasks.worker.shutdown-timeout=5s")
			.run((context) -> {
				assertThat(context.getBean(QTasksWorker.class).getConcurrency()).isEqualTo(3);
				assertThat(context.getBean(QTasksProperties.class).getWorker().getShutdownTimeout())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void registersTheWorkerNodeWithoutBeanValidation() {
		this.runner.withClassLoader(new FilteredClassLoader("jakarta.validation")).run((context) -> {
			String workerId = context.getBean(QTasksWorker.class).getId();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(context.getBean(WorkerNodeRegistry.class).liveNodes())
					.anySatisfy((node) -> assertThat(node.id()).isEqualTo(workerId)));
		});
	}

	@Test
	void clientOnlyNodeHasNoWorkerButCanEnqueue() {
		this.runner.withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(QTasksWorker.class).hasSingleBean(QTasks.class);
			Task queued = context.getBean(QTasks.class).addTask("anything", 1);
			assertThat(queued.status()).isEqualTo(TaskStatus.NEW);
			assertThat(context.getBean(TaskEngine.class).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void userClientBeanWins() {
		this.runner.withUserConfiguration(CustomClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(QTasks.class).doesNotHaveBean(DefaultQTasks.class);
			assertThat(context.getBean(QTasks.class)).isSameAs(context.getBean("customQTasks"));
		});
	}

	@Test
	void userQueueBeanReplacesTheMemoryEngine() {
		this.runner.withUserConfiguration(CustomQueueConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskQueue.class).doesNotHaveBean("qtasksMemoryTaskQueue");
			assertThat(context.getBean(TaskQueue.class)).isSameAs(context.getBean("customQueue"));
			assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("custom+memory");
			Task queued = context.getBean(QTasks.class).addTask("anything");
			assertThat(context.getBean(TaskQueue.class).pendingCountByTaskName()).containsEntry("anything", 1L);
			assertThat(context.getBean(QTasks.class).get(queued.uuid())).contains(queued);
		});
	}

	@Test
	void taskContextIsAScopedProxy() {
		this.runner.run((context) -> {
			TaskContext taskContext = context.getBean(TaskContext.class);
			assertThat(AopUtils.isAopProxy(taskContext)).isTrue();
		});
	}

	@Test
	void rejectsAnInvalidConcurrency() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("qtasks.worker.concurrency must be at least 1");
		});
	}

	@Test
	void rejectsAQueueConcurrencyBelowOne() {
		this.runner.withPropertyValues("qtasks.worker.queue-concurrency.reports=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("qtasks.worker.queue-concurrency.reports must be at least 1, was 0");
		});
	}

	@Test
	void rejectsAWorkedQueueThatIsNoQueueName() {
		this.runner.withPropertyValues("qtasks.worker.queues=emails,bulk mail").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("qtasks.worker.queues: 'bulk mail' is not a queue name");
		});
	}

	@Test
	void rejectsAFailedTtlBelowOneMillisecond() {
		this.runner.withPropertyValues("qtasks.storage.failed-ttl=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("qtasks.storage.failed-ttl must be at least 1ms");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomClientConfiguration {

		@Bean
		QTasks customQTasks() {
			return new QTasks() {

				@Override
				public Task addTask(String taskName, Object... args) {
					throw new UnsupportedOperationException();
				}

				@Override
				public TaskRequest task(String taskName) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Optional<Task> get(UUID uuid) {
					return Optional.empty();
				}

				@Override
				public Optional<Task> waitResult(UUID uuid, Duration timeout) {
					return Optional.empty();
				}

				@Override
				public CancelOutcome cancel(UUID uuid, String reason) {
					return CancelOutcome.NOT_FOUND;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomQueueConfiguration {

		@Bean
		TaskQueue customQueue() {
			// a queue of the user's own, standing for a queue on another technology,
			// paired with the records in memory
			return new MemoryTaskQueue(java.time.Clock.systemUTC()) {

				@Override
				public String type() {
					return "custom";
				}

			};
		}

	}

}

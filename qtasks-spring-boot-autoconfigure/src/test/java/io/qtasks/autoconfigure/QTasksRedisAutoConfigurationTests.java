package io.qtasks.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.qtasks.config.QTasksProperties;
import io.qtasks.config.QTasksRedisProperties;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.engine.memory.MemoryWorkerNodeRegistry;
import io.qtasks.engine.redis.RedisEngineLifecycle;
import io.qtasks.engine.redis.RedisEngineSettings;
import io.qtasks.engine.redis.RedisSubscriptions;
import io.qtasks.engine.redis.RedisTaskEvents;
import io.qtasks.engine.redis.RedisTaskQueue;
import io.qtasks.engine.redis.RedisTaskRecordStore;
import io.qtasks.engine.redis.RedisTaskSteps;
import io.qtasks.engine.redis.RedisWorkerNodeRegistry;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QTasksRedisAutoConfiguration}.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class QTasksRedisAutoConfigurationTests {

	private final String name = RedisTestServer.uniqueName("autoconfig");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
				QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
		.withPropertyValues(RedisTestServer.get().connectionProperties())
		.withPropertyValues("qtasks.name=" + this.name);

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void redisBrokerTypeConfiguresTheRedisEngine() {
		this.runner.withPropertyValues("qtasks.broker.type=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisTaskQueue.class)
				.hasSingleBean(RedisTaskRecordStore.class)
				.hasSingleBean(RedisTaskEvents.class)
				.hasSingleBean(RedisTaskSteps.class)
				.hasSingleBean(RedisEngineLifecycle.class)
				.hasSingleBean(RedisWorkerNodeRegistry.class)
				.hasSingleBean(RedisSubscriptions.class)
				.doesNotHaveBean(MemoryTaskQueue.class)
				.doesNotHaveBean(MemoryTaskRecordStore.class)
				.doesNotHaveBean(MemoryWorkerNodeRegistry.class);
			assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("redis");
		});
	}

	@Test
	void theMemoryEngineStaysTheDefaultWhenSpringDataRedisIsPresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MemoryTaskQueue.class)
			.hasSingleBean(MemoryWorkerNodeRegistry.class)
			.doesNotHaveBean(RedisTaskQueue.class)
			.doesNotHaveBean(RedisSubscriptions.class));
	}

	@Test
	void redisBrokerTypeWithoutSpringDataRedisFailsWithAClearMessage() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("qtasks.broker.type=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isInstanceOf(RedisBrokerUnavailableException.class)
					.hasMessageContaining("qtasks.broker.type=redis needs Spring Data Redis");
				FailureAnalysis analysis = new RedisBrokerUnavailableFailureAnalyzer().analyze(failure);
				assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-redis");
			});
	}

	@Test
	void bindsTheRedisProperties() {
		this.runner
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.redis.lease=45s",
					"qtasks.redis.heartbeat-interval=5s", "qtasks.redis.reaper-interval=2s",
					"qtasks.storage.failed-ttl=14d")
			.run((context) -> {
				QTasksRedisProperties redis = context.getBean(QTasksProperties.class).getRedis();
				assertThat(redis.getLease()).isEqualTo(Duration.ofSeconds(45));
				assertThat(redis.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(redis.getReaperInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(RedisEngineSettings.class))
					.isEqualTo(new RedisEngineSettings(Duration.ofSeconds(45), Duration.ofSeconds(5),
							Duration.ofSeconds(2), Duration.ofDays(7), Duration.ofDays(14)));
				assertThat(context.getBean(WorkerNodeRegistry.class).heartbeatInterval())
					.isEqualTo(Duration.ofSeconds(5));
				assertThat(context.getBean(TaskEngine.class).renewalInterval()).contains(Duration.ofSeconds(5));
			});
	}

	@Test
	void defaultsOfTheRedisProperties() {
		QTasksRedisProperties redis = new QTasksProperties().getRedis();
		assertThat(redis.getLease()).isEqualTo(Duration.ofSeconds(30));
		assertThat(redis.getHeartbeatInterval()).isNull();
		assertThat(redis.getReaperInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void theHeartbeatIntervalDefaultsToAThirdOfTheLease() {
		this.runner.withPropertyValues("qtasks.broker.type=redis", "qtasks.redis.lease=3s").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RedisEngineSettings.class).heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(context.getBean(WorkerNodeRegistry.class).heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
		});
		this.runner.withPropertyValues("qtasks.broker.type=redis")
			.run((context) -> assertThat(context.getBean(RedisEngineSettings.class).heartbeatInterval())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void aHeartbeatNotShorterThanTheLeaseFailsStartUp() {
		this.runner
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.redis.lease=5s",
					"qtasks.redis.heartbeat-interval=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"qtasks.redis.heartbeat-interval (PT5S) must be shorter than qtasks.redis.lease"));
	}

	@Test
	void aRedisCommandTimeoutAsLongAsTheLeaseFailsStartUp() {
		this.runner
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.redis.lease=5s", "spring.data.redis.timeout=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"spring.data.redis.timeout (PT5S) must be shorter than qtasks.redis.lease (PT5S)"));
	}

	@Test
	void withoutACommandTimeoutRedisCommandsTimeOutAfterAHeartbeat() {
		// RedisTestServer sets spring.data.redis.timeout; a runner without it
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.port=" + RedisTestServer.get().port(), "qtasks.name=" + this.name,
					"qtasks.broker.type=redis", "qtasks.redis.lease=6s", "qtasks.worker.enabled=false")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
		this.runner.withPropertyValues("qtasks.broker.type=redis", "spring.data.redis.timeout=3s")
			.run((context) -> assertThat(
					context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void anEmptyNameFailsStartUp() {
		this.runner.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("qtasks.name must not be empty"));
	}

	@Test
	void recordsInMemoryCanBePairedWithTheRedisQueue() {
		MemoryTaskEvents events = new MemoryTaskEvents();
		this.runner.withPropertyValues("qtasks.broker.type=redis")
			.withBean(TaskEvents.class, () -> events)
			.withBean(TaskRecordStore.class,
					() -> new MemoryTaskRecordStore(events, java.time.Clock.systemUTC(), Duration.ofDays(1)))
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisTaskQueue.class)
					.doesNotHaveBean(RedisTaskRecordStore.class)
					.doesNotHaveBean(RedisTaskSteps.class)
					.doesNotHaveBean(RedisTaskEvents.class);
				assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("redis+memory");
				assertThat(context).doesNotHaveBean(TaskSteps.class);
			});
	}

}

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

import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.memory.MemoryTaskBroker;
import io.qtasks.broker.memory.MemoryWorkerNodeRegistry;
import io.qtasks.broker.redis.RedisTaskBroker;
import io.qtasks.broker.redis.RedisWorkerNodeRegistry;
import io.qtasks.config.QTasksProperties;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.memory.MemoryTaskStorage;
import io.qtasks.storage.redis.RedisSubscriptions;
import io.qtasks.storage.redis.RedisTaskStorage;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;
import io.qtasks.worker.WorkerNodeHeartbeat;
import io.qtasks.broker.WorkerNodeRegistry;

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
			assertThat(context).hasSingleBean(RedisTaskBroker.class)
				.hasSingleBean(RedisTaskStorage.class)
				.hasSingleBean(RedisWorkerNodeRegistry.class)
				.hasSingleBean(RedisSubscriptions.class)
				.hasSingleBean(WorkerNodeHeartbeat.class)
				.doesNotHaveBean(MemoryTaskBroker.class)
				.doesNotHaveBean(MemoryTaskStorage.class)
				.doesNotHaveBean(MemoryWorkerNodeRegistry.class);
			assertThat(context.getBean(TaskBroker.class).type()).isEqualTo("redis");
		});
	}

	@Test
	void theMemoryEngineStaysTheDefaultWhenSpringDataRedisIsPresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MemoryTaskBroker.class)
			.hasSingleBean(MemoryWorkerNodeRegistry.class)
			.doesNotHaveBean(RedisTaskBroker.class)
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
					"qtasks.redis.heartbeat-interval=5s", "qtasks.redis.reaper-interval=2s")
			.run((context) -> {
				QTasksProperties.Redis redis = context.getBean(QTasksProperties.class).getRedis();
				assertThat(redis.getLease()).isEqualTo(Duration.ofSeconds(45));
				assertThat(redis.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(redis.getReaperInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(WorkerNodeRegistry.class).heartbeatInterval())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void defaultsOfTheRedisProperties() {
		QTasksProperties.Redis redis = new QTasksProperties().getRedis();
		assertThat(redis.getLease()).isEqualTo(Duration.ofSeconds(30));
		assertThat(redis.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(redis.getReaperInterval()).isEqualTo(Duration.ofSeconds(5));
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
	void anEmptyNameFailsStartUp() {
		this.runner.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("qtasks.name must not be empty"));
	}

	@Test
	void userStorageAndBrokerBeansWin() {
		this.runner.withPropertyValues("qtasks.broker.type=redis")
			.withBean("customStorage", TaskStorage.class,
					() -> new MemoryTaskStorage(java.time.Clock.systemUTC(), Duration.ofDays(1)))
			.withBean("customBroker", TaskBroker.class,
					() -> new MemoryTaskBroker(new MemoryTaskStorage(java.time.Clock.systemUTC(), Duration.ofDays(1)),
							java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(TaskBroker.class)
				.hasSingleBean(TaskStorage.class)
				.doesNotHaveBean(RedisTaskBroker.class)
				.doesNotHaveBean(RedisTaskStorage.class));
	}

}

package io.qtasks.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.actuate.QTasksHealthIndicator;
import io.qtasks.test.QTasksContextRunner;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QTasksHealthContributorAutoConfiguration} and the health it reports.
 *
 * @author QTasks contributors
 */
class QTasksHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withConfiguration(AutoConfigurations.of(QTasksHealthContributorAutoConfiguration.class));

	@Test
	void upWithTheBrokerTheQueueAndTheWorker() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=3").run((context) -> {
			assertThat(context).hasSingleBean(QTasksHealthIndicator.class).hasBean("qtasksHealthIndicator");
			Health health = context.getBean("qtasksHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("broker", "memory").containsEntry("queueDepth", 0L);
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			assertThat(health.getDetails().get("worker"))
				.isEqualTo(Map.of("id", worker.getId(), "running", true, "inFlight", 0, "concurrency", 3));
		});
	}

	@Test
	void aClientOnlyNodeReportsItsWorkerDisabled() {
		this.runner.withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			Health health = context.getBean(QTasksHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("worker", "disabled");
		});
	}

	@Test
	void downWhileRedisIsAwayAndUpWhenItIsBack() throws IOException {
		int port = freePort();
		RedisServer redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		try {
			this.runner
				.withConfiguration(
						AutoConfigurations.of(DataRedisAutoConfiguration.class, QTasksRedisAutoConfiguration.class))
				.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=health", "qtasks.worker.enabled=false",
						"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
						"spring.data.redis.timeout=1s")
				.run((context) -> {
					HealthIndicator indicator = context.getBean(QTasksHealthIndicator.class);
					assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
					redis.stop();
					Health down = indicator.health();
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(down.getDetails()).containsEntry("broker", "redis").containsKey("error");
					redis.start();
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
				});
		}
		finally {
			if (redis.isActive()) {
				redis.stop();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void offWhenDisabled() {
		this.runner.withPropertyValues("management.health.qtasks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QTasksHealthIndicator.class));
	}

	@Test
	void offWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QTasksHealthIndicator.class));
	}

	@Test
	void userIndicatorWins() {
		this.runner.withBean("qtasksHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(QTasksHealthIndicator.class));
	}

}

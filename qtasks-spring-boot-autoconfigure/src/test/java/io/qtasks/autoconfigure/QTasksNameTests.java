package io.qtasks.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.config.QTasksProperties;
import io.qtasks.engine.TaskEngine;
import io.qtasks.test.QTasksContextRunner;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qtasks.name}: defaults to {@code spring.application.name}, so that two
 * applications on one Redis do not take each other's tasks; an explicit
 * {@code qtasks.name} wins; with neither it is {@code qtasks}.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class QTasksNameTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String billing = RedisTestServer.uniqueName("name-billing");

	private final String shipping = RedisTestServer.uniqueName("name-shipping");

	private final ApplicationContextRunner runner = QTasksContextRunner.create().withUserConfiguration(NameTasks.class);

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.billing);
		RedisTestServer.get().deleteKeys(this.shipping);
	}

	@Test
	void defaultsToTheApplicationName() {
		this.runner.withPropertyValues("spring.application.name=billing").run((context) -> {
			assertThat(context.getBean(QTasksProperties.class).getName()).isEqualTo("billing");
			Task done = context.getBean(QTasks.class).task("name").addAndWait(WAIT);
			assertThat(done.returning()).as("TaskContext.getConfig() inside a task").isEqualTo("billing");
		});
	}

	@Test
	void anExplicitNameWins() {
		this.runner.withPropertyValues("spring.application.name=billing", "qtasks.name=invoices").run((context) -> {
			assertThat(context.getBean(QTasksProperties.class).getName()).isEqualTo("invoices");
			assertThat(context.getBean(QTasks.class).task("name").addAndWait(WAIT).returning()).isEqualTo("invoices");
		});
	}

	@Test
	void withNeitherTheNameIsQtasks() {
		this.runner.run((context) -> assertThat(context.getBean(QTasksProperties.class).getName()).isEqualTo("qtasks"));
	}

	@Test
	void aBlankApplicationNameIsNoName() {
		this.runner.withPropertyValues("spring.application.name= ")
			.run((context) -> assertThat(context.getBean(QTasksProperties.class).getName()).isEqualTo("qtasks"));
	}

	@Test
	void twoApplicationsOnOneRedisKeepTheirTasksApart() {
		ApplicationContextRunner redis = this.runner
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, QTasksRedisAutoConfiguration.class))
			.withPropertyValues(RedisTestServer.get().connectionProperties())
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.worker.shutdown-timeout=2s");
		redis.withPropertyValues("spring.application.name=" + this.shipping, "qtasks.worker.enabled=false")
			.run((shipping) -> redis.withPropertyValues("spring.application.name=" + this.billing).run((billing) -> {
				Task queued = shipping.getBean(QTasks.class).addTask("name");
				assertThat(
						RedisTestServer.get().commands().exists("qtasks:{" + this.shipping + "}:task:" + queued.uuid()))
					.isOne();
				assertThat(shipping.getBean(TaskEngine.class).stats().countByStatus().getOrDefault(TaskStatus.NEW, 0L))
					.as("shipping's queued tasks")
					.isOne();
				assertThat(billing.getBean(TaskEngine.class).stats().countByStatus().getOrDefault(TaskStatus.NEW, 0L))
					.as("billing's queued tasks")
					.isZero();
				assertThat(billing.getBean(QTasks.class).get(queued.uuid())).isEmpty();
				Task done = billing.getBean(QTasks.class).task("name").addAndWait(WAIT);
				assertThat(done.returning()).isEqualTo(this.billing);
			}));
	}

	@Configuration(proxyBeanMethods = false)
	static class NameTasks {

		@QTask(name = "name")
		public String name(TaskContext ctx) {
			return ctx.getConfig().getName();
		}

	}

}

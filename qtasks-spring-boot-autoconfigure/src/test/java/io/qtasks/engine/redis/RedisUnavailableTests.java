package io.qtasks.engine.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.qtasks.QTasks;
import io.qtasks.client.TaskEnqueueException;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What clients see when Redis cannot be used. (A real Redis restart is a scenario of the
 * reliability tests.)
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisUnavailableTests {

	private final String name = RedisTestServer.uniqueName("unavailable");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void enqueueingWithoutRedisFailsWithAnExceptionNamingTheTask() {
		RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			context.getBean(LettuceConnectionFactory.class).stop();
			assertThatExceptionOfType(TaskEnqueueException.class)
				.isThrownBy(() -> context.getBean(QTasks.class).addTask("report:monthly", 2026))
				.satisfies((ex) -> {
					assertThat(ex.getTaskName()).isEqualTo("report:monthly");
					assertThat(ex.getUuid()).isNotNull();
					assertThat(ex.getCause()).isNotNull();
				})
				.withMessageStartingWith("Task 'report:monthly' could not be enqueued on the redis broker: ")
				.withMessageContaining("it is queued as ");
		});
	}

}

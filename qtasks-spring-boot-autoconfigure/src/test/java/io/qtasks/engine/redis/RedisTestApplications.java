package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Context runners for QTasks applications on the test Redis (also used by the reliability
 * tests).
 *
 * @author QTasks contributors
 */
public final class RedisTestApplications {

	private RedisTestApplications() {
	}

	/**
	 * A runner for one QTasks application on Redis.
	 * @param name the application's {@code qtasks.name}
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(String name) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues(RedisTestServer.get().connectionProperties())
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=" + name);
	}

	/**
	 * A second node of an application, not started: its queue claims with leases of 300ms
	 * and nothing extends them, and its housekeeping runs only when the test calls it, so
	 * its claims run out as those of a node that died.
	 * @param context the application's context
	 * @param name the application's {@code qtasks.name}
	 * @return the node; close it when done
	 */
	public static UnstartedNode unstartedNode(ApplicationContext context, String name) {
		RedisEngineSettings settings = new RedisEngineSettings(Duration.ofMillis(300), Duration.ofMillis(100),
				Duration.ofMillis(100), Duration.ofDays(1));
		StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
		RedisKeys keys = new RedisKeys(name);
		RedisTaskCodec codec = new RedisTaskCodec(context.getBean(TaskJsonMapper.class));
		RedisTaskRecordStore records = context.getBean(RedisTaskRecordStore.class);
		RedisTaskQueue queue = new RedisTaskQueue(redis, keys, codec, settings, true);
		queue.subscribe(context.getBean(RedisSubscriptions.class));
		TaskEngine engine = new TaskEngine(queue, records, context.getBean(TaskEvents.class),
				new RedisTaskSteps(redis, keys, codec, settings, records, queue),
				context.getBean(TaskTransitions.class));
		return new UnstartedNode(engine, queue, new RedisMaintenance(redis, keys, true));
	}

	/**
	 * A node of an application that nothing runs.
	 *
	 * @param engine its engine, for claims and writes
	 * @param queue its queue
	 * @param maintenance its housekeeping
	 */
	public record UnstartedNode(TaskEngine engine, RedisTaskQueue queue,
			RedisMaintenance maintenance) implements AutoCloseable {

		/**
		 * Claims for any task name.
		 * @param max the most tasks
		 * @param timeout how long to wait for the first
		 * @return the deliveries
		 * @throws InterruptedException when interrupted
		 */
		public List<TaskDelivery> claim(int max, Duration timeout) throws InterruptedException {
			return this.engine.claim(ClaimRequest.anyTask(max, timeout));
		}

		@Override
		public void close() {
			this.queue.destroy();
		}

	}

}

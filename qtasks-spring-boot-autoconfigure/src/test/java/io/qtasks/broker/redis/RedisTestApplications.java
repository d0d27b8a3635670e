package io.qtasks.broker.redis;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.storage.redis.RedisKeys;
import io.qtasks.storage.redis.RedisSubscriptions;
import io.qtasks.storage.redis.RedisTaskCodec;
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
	 * A second broker of an application, not started: it sends no heartbeats and runs no
	 * maintenance unless the test calls it, so its leases (300ms) run out.
	 * @param context the application's context
	 * @param name the application's {@code qtasks.name}
	 * @return the broker; destroy it when done
	 */
	public static RedisTaskBroker unstartedBroker(ApplicationContext context, String name) {
		RedisTaskBroker.Timing timing = new RedisTaskBroker.Timing(Duration.ofMillis(300), Duration.ofMillis(100),
				Duration.ofMillis(100), Duration.ofDays(1));
		return new RedisTaskBroker(new StringRedisTemplate(context.getBean(RedisConnectionFactory.class)),
				new RedisKeys(name), new RedisTaskCodec(context.getBean(TaskJsonMapper.class)),
				context.getBean(RedisSubscriptions.class), timing, Clock.systemUTC());
	}

}

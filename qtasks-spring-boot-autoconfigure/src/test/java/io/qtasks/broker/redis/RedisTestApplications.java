package io.qtasks.broker.redis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Context runners for QTasks applications on the test Redis.
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

}

package io.qtasks.actuate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * {@code /actuator/qtasks} on the Redis broker, on a real Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisQTasksEndpointWebTests extends QTasksEndpointWebTests {

	private static final String NAME = RedisTestServer.uniqueName("endpoint");

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		RedisTestServer server = RedisTestServer.get();
		registry.add("spring.data.redis.host", server::host);
		registry.add("spring.data.redis.port", server::port);
		registry.add("qtasks.broker.type", () -> "redis");
		registry.add("qtasks.name", () -> NAME);
	}

	@AfterAll
	static void deleteKeys() {
		RedisTestServer.get().deleteKeys(NAME);
	}

	@Override
	protected String brokerType() {
		return "redis";
	}

}

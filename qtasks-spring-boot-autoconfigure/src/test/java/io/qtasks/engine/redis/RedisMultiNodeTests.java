package io.qtasks.engine.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.qtasks.engine.MultiNodeContractTests;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Several nodes of one application sharing a Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisMultiNodeTests extends MultiNodeContractTests {

	private final String name = RedisTestServer.uniqueName("nodes");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner application() {
		return RedisTestApplications.runner(this.name);
	}

	@Override
	protected String[] fastLeases() {
		return new String[] { "qtasks.redis.lease=1s", "qtasks.redis.heartbeat-interval=200ms",
				"qtasks.redis.reaper-interval=200ms" };
	}

	@Override
	protected void cutOff(AssertableApplicationContext node) {
		node.getBean(LettuceConnectionFactory.class).stop();
	}

}

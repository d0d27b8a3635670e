package io.qtasks.engine.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.SchedulingContractTests;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Delayed tasks, unique tasks and schedules on the Redis engine, on a real Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisSchedulingTests extends SchedulingContractTests {

	private final String name = RedisTestServer.uniqueName("scheduling");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name);
	}

}

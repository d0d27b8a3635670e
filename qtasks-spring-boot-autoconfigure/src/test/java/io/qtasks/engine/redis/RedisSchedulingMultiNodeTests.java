package io.qtasks.engine.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.SchedulingMultiNodeContractTests;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Delayed tasks, schedules and unique keys on several nodes of one application sharing a
 * Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisSchedulingMultiNodeTests extends SchedulingMultiNodeContractTests {

	private final String name = RedisTestServer.uniqueName("schedules");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner application() {
		return RedisTestApplications.runner(this.name);
	}

}

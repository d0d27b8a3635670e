package io.qtasks.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Enqueue inside transactions on Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisTransactionalEnqueueTests extends TransactionalEnqueueTests {

	private final String name = RedisTestServer.uniqueName("transactional");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name);
	}

}

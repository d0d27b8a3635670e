package io.qtasks.engine.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.TaskEngineContractTests;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * The engine contract run against the Redis broker and storage on a real Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisTaskEngineTests extends TaskEngineContractTests {

	private final String name = RedisTestServer.uniqueName("contract");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name);
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.redis.reaper-interval=100ms" };
	}

}

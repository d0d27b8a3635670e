package io.qtasks.workflow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * The workflow contract on Redis (with what only a shared engine can show).
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisWorkflowTests extends SharedEngineWorkflowContractTests {

	private final String name = RedisTestServer.uniqueName("workflow");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name);
	}

}

package io.qtasks.flow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Flow control end to end on Redis, two nodes of one application: the cap is counted
 * inside the task with a counter in Redis, so it holds across the nodes.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisFlowControlTests extends SharedEngineFlowControlScenarios {

	private final String name = RedisTestServer.uniqueName("flow");

	private final String counter = "test:{" + this.name + "}:capped-running";

	private final FlowRecorder recorder = new FlowRecorder(() -> RedisTestServer.get().commands().incr(this.counter),
			() -> RedisTestServer.get().commands().decr(this.counter));

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
		RedisTestServer.get().commands().del(this.counter);
	}

	@Override
	protected ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name);
	}

	@Override
	protected FlowRecorder recorder() {
		return this.recorder;
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.redis.reaper-interval=100ms" };
	}

}

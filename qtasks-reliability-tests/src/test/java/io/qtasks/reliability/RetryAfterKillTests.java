package io.qtasks.reliability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: the node that ran a task's failed attempt is killed with {@code kill -9}
 * during the pause before the retry. The pause is spent in Redis, not in the dead node:
 * another node runs the retry when it is due, and the task ends after exactly
 * {@code retry + 1} runs (it does not get its retry budget back, as it did when the pause
 * slept in a worker thread).
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RetryAfterKillTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final String name = RedisTestServer.uniqueName("retry-kill");

	private UUID uuid;

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void aRetryWhoseNodeIsKilledDuringItsPauseRunsOnAnotherNodeAndTheBudgetHolds() {
		RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
			QTasks qtasks = client.getBean(QTasks.class);
			try (NodeProcess a = NodeProcess.start("retry-kill-a", nodeProperties("a"))) {
				a.awaitWorkerStarted(START);
				this.uuid = qtasks.addTask("fails_everywhere").uuid();
				Task waiting = await().atMost(WAIT)
					.pollInterval(Duration.ofMillis(20))
					.until(() -> qtasks.get(this.uuid).orElseThrow(), (task) -> task.status() == TaskStatus.RETRY);
				assertThat(waiting.attempt()).isEqualTo(1);
				assertThat(waiting.extra()).containsKey("dueAt");
				a.kill();
				assertThat(a.awaitExit(Duration.ofSeconds(30))).isTrue();
			}
			// the task waits in Redis, claimed by no one
			assertThat(client.getBean(TaskEngine.class).stats().waitingCount()).isEqualTo(1);
			try (NodeProcess b = NodeProcess.start("retry-kill-b", nodeProperties("b"))) {
				b.awaitWorkerStarted(START);
				Task failed = qtasks.waitResult(this.uuid, WAIT).orElseThrow();
				assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
				assertThat(failed.attempt()).isEqualTo(2);
				assertThat(failed.traceback()).contains("attempt 2 fails on node b");
				assertThat(failed.extra()).containsEntry("retried", 1);
				List<String> runs = RedisTestServer.get()
					.commands()
					.lrange(ReliabilityTasks.runsKey(this.name, this.uuid.toString()), 0, -1);
				assertThat(runs).as("the nodes of the runs").containsExactly("a", "b");
			}
		});
	}

	private Map<String, String> nodeProperties(String node) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("qtasks.broker.type", "redis");
		properties.put("qtasks.name", this.name);
		properties.put("spring.data.redis.host", RedisTestServer.get().host());
		properties.put("spring.data.redis.port", String.valueOf(RedisTestServer.get().port()));
		properties.put("qtasks.redis.lease", "3s");
		properties.put("qtasks.redis.reaper-interval", "1s");
		properties.put("reliability.node", node);
		return properties;
	}

}

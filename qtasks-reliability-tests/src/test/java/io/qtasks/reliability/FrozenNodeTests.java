package io.qtasks.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: a node freezes ({@code kill -STOP}, as a long GC pause, a suspended VM or a
 * stopped container would) while it runs a long task, for longer than the task's lease.
 * Another node takes the task over; then the frozen node wakes up ({@code kill -CONT})
 * and finishes its run as if no time had passed. The takeover's outcome stands (its
 * result, not the frozen node's), the record shows two deliveries and the first attempt
 * as lost, and the woken node says that its outcome was discarded.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class FrozenNodeTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** Long enough that the frozen node wakes up while the takeover still runs. */
	private static final long TASK_MILLIS = 5000;

	private final String name = RedisTestServer.uniqueName("frozen");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void theTakeoverOfAFrozenNodesTaskStandsWhenTheNodeWakesUp() {
		try (NodeProcess a = NodeProcess.start("frozen-a", NodeProcess.redisNode(this.name, "a"));
				NodeProcess b = NodeProcess.start("frozen-b", NodeProcess.redisNode(this.name, "b"))) {
			a.awaitWorkerStarted(START);
			b.awaitWorkerStarted(START);
			Map<String, NodeProcess> nodes = Map.of("a", a, "b", b);
			RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				UUID uuid = qtasks.addTask("labelled", TASK_MILLIS).uuid();
				String runs = ReliabilityTasks.runsKey(this.name, uuid.toString());
				await().atMost(WAIT).until(() -> RedisTestServer.get().commands().llen(runs) == 1);
				String frozenLabel = RedisTestServer.get().commands().lindex(runs, 0);
				NodeProcess frozen = nodes.get(frozenLabel);
				String takeoverLabel = frozenLabel.equals("a") ? "b" : "a";

				frozen.freeze();
				try {
					// the lease (3 s) runs out, the other node's housekeeping queues the
					// task again and that node claims it
					await().atMost(WAIT).until(() -> RedisTestServer.get().commands().llen(runs) == 2);
					assertThat(RedisTestServer.get().commands().lindex(runs, 1)).isEqualTo(takeoverLabel);
				}
				finally {
					frozen.thaw();
				}
				frozen.awaitLine((line) -> line.contains(uuid.toString())
						&& (line.contains("was lost") || line.contains("outcome is discarded")), WAIT);

				Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).as("the result of %s", Records.describe(done)).isEqualTo(takeoverLabel);
				assertThat(done.extra()).as("%s", Records.describe(done)).containsEntry("deliveries", 2);
				assertThat(done.attempt()).isEqualTo(2);
				assertThat(attempts(done)).as("the attempts of %s", Records.describe(done))
					.hasSize(2)
					.first()
					.satisfies((first) -> assertThat(String.valueOf(first.get("error"))).startsWith("lost"));
				assertThat(RedisTestServer.get().commands().lrange(runs, 0, -1)).containsExactly(frozenLabel,
						takeoverLabel);
				assertThat(frozen.isAlive()).as("the woken node goes on").isTrue();
				// and it still works: it claims again once it is the only node
				nodes.get(takeoverLabel).terminate();
				assertThat(nodes.get(takeoverLabel).awaitExit(WAIT)).isTrue();
				assertThat(qtasks.task("labelled").args(1).addAndWait(WAIT).returning()).isEqualTo(frozenLabel);
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get("attempts");
	}

}

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
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.KillPoints;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: {@code kill -9} of a node right after the engine step that stored a task's
 * outcome and claimed the next task for the freed slot (one script on Redis). A node of
 * concurrency 1 gets two tasks in one batch; the first one's {@code success} has been
 * stored, and the second claimed with it, when its record listener halts the JVM
 * ({@link KillPoints#AFTER_OUTCOME}). A second node, started afterwards, takes the
 * claimed task over once its lease has run out: the first task stays as it was completed,
 * the second runs once, on the survivor, and its record counts the two deliveries and
 * shows the attempt whose start the dead node's claim stored as lost.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class CompletionClaimKillTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final String name = RedisTestServer.uniqueName("completion-claim-kill");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void aTaskClaimedWithACompletionByANodeThatDiesRunsOnceElsewhere() {
		Map<String, String> a = NodeProcess.redisNode(this.name, "a");
		a.put("reliability.kill-point", KillPoints.AFTER_OUTCOME);
		a.put("qtasks.worker.concurrency", "1");
		try (NodeProcess nodeA = NodeProcess.start("completion-claim-kill-a", a)) {
			nodeA.awaitWorkerStarted(START);
			RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				List<Task> added = qtasks.addAll(List.of(qtasks.task(KillPoints.TASK), qtasks.task("work").args(1)));
				UUID first = added.get(0).uuid();
				UUID next = added.get(1).uuid();
				assertThat(nodeA.awaitExit(WAIT)).as("node a halts; see %s", nodeA.log()).isTrue();
				assertThat(nodeA.exitValue()).isEqualTo(137);

				RedisKeys keys = new RedisKeys(this.name);
				var redis = RedisTestServer.get().commands();
				assertThat(redis.hget(keys.task(next), "claim")).as("the next task was claimed with the completion")
					.isNotNull();
				assertThat(redis.zscore(keys.inflight(), next.toString())).isNotNull();
				Task completed = qtasks.get(first).orElseThrow();
				assertThat(completed.status()).as("%s", Records.describe(completed)).isEqualTo(TaskStatus.SUCCESS);

				Map<String, String> b = NodeProcess.redisNode(this.name, "b");
				try (NodeProcess nodeB = NodeProcess.start("completion-claim-kill-b", b)) {
					nodeB.awaitWorkerStarted(START);
					Task done = qtasks.waitResult(next, WAIT).orElseThrow();
					assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
					assertThat(done.extra()).as("%s", Records.describe(done)).containsEntry("deliveries", 2);
					// the claim stored the start of the dead node's attempt: it shows as
					// lost
					assertThat(done.attempt()).isEqualTo(2);
					assertThat(String.valueOf(attempts(done).get(0).get("error"))).as("%s", Records.describe(done))
						.startsWith("lost");
					await().atMost(WAIT).until(() -> qtasks.get(next).orElseThrow().isFinished());
				}
				String effectsKey = ReliabilityTasks.effectsKey(this.name);
				assertThat(redis.hget(effectsKey, first.toString())).as("runs of the completed task").isEqualTo("1");
				assertThat(redis.hget(effectsKey, next.toString())).as("runs of the claimed task").isEqualTo("1");
				assertThat(qtasks.get(first).orElseThrow()).as("the completed record is left as it was")
					.isEqualTo(completed);
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get("attempts");
	}

}

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
import io.qtasks.reliability.node.KillPoints;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: {@code kill -9} at a precise point of a run. Two nodes run with the same kill
 * point ({@link KillPoints}); the first run of the task to reach it halts its JVM
 * ({@code Runtime.halt(137)}, no shutdown hook, no finally block), the other node takes
 * the task over once the lease has run out and runs it to its end.
 * <ul>
 * <li>After the task's side effect, before its outcome is stored: the task runs again,
 * ends as {@code success}, its side effect happened twice, and the record says so (two
 * deliveries, the first attempt lost).</li>
 * <li>After the claim, before the task runs (the run's observation starts in between):
 * the task runs once, on the other node, and ends as {@code success}; its record shows
 * two deliveries, and the attempt whose start the claim stored as lost.</li>
 * </ul>
 * A kill during a retry's wait is {@link RetryAfterKillTests}.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class KillPointTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final String name = RedisTestServer.uniqueName("kill-point");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void killedAfterTheSideEffectBeforeTheOutcomeRunsAgainElsewhere() {
		Outcome outcome = runToTheKillPoint(KillPoints.AFTER_EFFECT);
		Task done = outcome.task();
		assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
		assertThat(done.returning()).as("the node that ran %s to its end", done).isEqualTo(outcome.survivor());
		assertThat(outcome.effects()).as("side effects of %s", done).isEqualTo(2);
		assertThat(done.extra()).as("%s", Records.describe(done)).containsEntry("deliveries", 2);
		assertThat(attempts(done)).as("the attempts of %s", Records.describe(done))
			.hasSize(2)
			.first()
			.satisfies((first) -> assertThat(String.valueOf(first.get("error"))).startsWith("lost"));
	}

	@Test
	void killedAfterTheClaimBeforeTheTaskRunsRunsOnceElsewhere() {
		Outcome outcome = runToTheKillPoint(KillPoints.BEFORE_PROCESS);
		Task done = outcome.task();
		assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
		assertThat(done.returning()).as("the node that ran %s", Records.describe(done)).isEqualTo(outcome.survivor());
		assertThat(outcome.effects()).as("side effects of %s", done).isEqualTo(1);
		assertThat(done.extra()).as("%s", Records.describe(done)).containsEntry("deliveries", 2);
		// the claim stored the start of the dead node's attempt (Redis writes process in
		// the claim), so the record shows that attempt as lost
		assertThat(done.attempt()).isEqualTo(2);
		assertThat(attempts(done)).as("the attempts of %s", Records.describe(done))
			.hasSize(2)
			.satisfies((attempts) -> assertThat(String.valueOf(attempts.get(0).get("error"))).startsWith("lost"))
			.satisfies((attempts) -> assertThat(attempts.get(1)).containsKey("endedAt").doesNotContainKey("error"));
	}

	private Outcome runToTheKillPoint(String point) {
		Map<String, String> a = NodeProcess.redisNode(this.name, "a");
		a.put("reliability.kill-point", point);
		Map<String, String> b = NodeProcess.redisNode(this.name, "b");
		b.put("reliability.kill-point", point);
		try (NodeProcess nodeA = NodeProcess.start("kill-point-" + point + "-a", a);
				NodeProcess nodeB = NodeProcess.start("kill-point-" + point + "-b", b)) {
			nodeA.awaitWorkerStarted(START);
			nodeB.awaitWorkerStarted(START);
			Outcome[] outcome = new Outcome[1];
			RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				UUID uuid = qtasks.addTask(KillPoints.TASK).uuid();
				await().atMost(WAIT).until(() -> !nodeA.isAlive() || !nodeB.isAlive());
				NodeProcess killed = nodeA.isAlive() ? nodeB : nodeA;
				NodeProcess survivor = (killed == nodeA) ? nodeB : nodeA;
				String killedLabel = (killed == nodeA) ? "a" : "b";
				String survivorLabel = (killed == nodeA) ? "b" : "a";
				assertThat(killed.awaitExit(WAIT)).isTrue();
				assertThat(killed.exitValue()).isEqualTo(137);
				assertThat(killed.logged((line) -> line.contains("Kill point " + point + " reached by task " + uuid)))
					.as("the killed node names the kill point; see %s", killed.log())
					.isTrue();
				assertThat(RedisTestServer.get().commands().get(KillPoints.markerKey(this.name, uuid.toString())))
					.isEqualTo(killedLabel);

				Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
				String effects = RedisTestServer.get()
					.commands()
					.hget(ReliabilityTasks.effectsKey(this.name), uuid.toString());
				outcome[0] = new Outcome(done, survivorLabel, (effects != null) ? Integer.parseInt(effects) : 0);
				assertThat(survivor.isAlive()).isTrue();
			});
			return outcome[0];
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get("attempts");
	}

	private record Outcome(Task task, String survivor, int effects) {

	}

}

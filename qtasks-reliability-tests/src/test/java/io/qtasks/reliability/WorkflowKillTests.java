package io.qtasks.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * Scenario: a chain outlives the client that enqueued it and a worker killed between two
 * of its steps. The client closes right after {@code chain(...)}; of two worker
 * processes, the one that stores the first step's {@code success} halts its JVM before it
 * can release the second step ({@link KillPoints#AFTER_OUTCOME}). The other node's
 * workflow sweep finds the held step whose predecessor has ended and releases it: the
 * first step ran once, the second ran on the survivor with the first's result.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class WorkflowKillTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final String name = RedisTestServer.uniqueName("workflow-kill");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void aChainGoesOnWhenItsClientIsGoneAndANodeDiesBetweenTwoSteps() {
		Map<String, String> a = NodeProcess.redisNode(this.name, "a");
		a.put("reliability.kill-point", KillPoints.AFTER_OUTCOME);
		Map<String, String> b = NodeProcess.redisNode(this.name, "b");
		b.put("reliability.kill-point", KillPoints.AFTER_OUTCOME);
		try (NodeProcess nodeA = NodeProcess.start("workflow-kill-a", a);
				NodeProcess nodeB = NodeProcess.start("workflow-kill-b", b)) {
			nodeA.awaitWorkerStarted(START);
			nodeB.awaitWorkerStarted(START);
			List<Task> steps = client((qtasks) -> qtasks.chain(qtasks.task(KillPoints.TASK), qtasks.task("after")));
			await().atMost(WAIT).until(() -> !nodeA.isAlive() || !nodeB.isAlive());
			NodeProcess killed = nodeA.isAlive() ? nodeB : nodeA;
			String killedLabel = (killed == nodeA) ? "a" : "b";
			String survivorLabel = (killed == nodeA) ? "b" : "a";
			assertThat(killed.awaitExit(WAIT)).isTrue();
			assertThat(killed.exitValue()).isEqualTo(137);
			Task last = client((qtasks) -> qtasks.waitResult(steps.get(1).uuid(), WAIT).orElseThrow());
			assertThat(last.status()).as("%s", Records.describe(last)).isEqualTo(TaskStatus.SUCCESS);
			assertThat(last.returning()).isEqualTo(killedLabel + " then " + survivorLabel);
			Task first = client((qtasks) -> qtasks.get(steps.get(0).uuid()).orElseThrow());
			assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(first.returning()).isEqualTo(killedLabel);
			assertThat(RedisTestServer.get()
				.commands()
				.hget(ReliabilityTasks.effectsKey(this.name), steps.get(0).uuid().toString()))
				.as("runs of the first step")
				.isEqualTo("1");
		}
	}

	private <T> T client(Function<QTasks, T> call) {
		Object[] answer = new Object[1];
		RedisTestApplications.runner(this.name)
			.withPropertyValues("qtasks.worker.enabled=false")
			.run((client) -> answer[0] = call.apply(client.getBean(QTasks.class)));
		@SuppressWarnings("unchecked")
		T result = (T) answer[0];
		return result;
	}

}

package io.qtasks.reliability;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: an operator cancels a running task, lets it end, and requeues it. The cancel
 * interrupts the run and the task ends as {@code cancel}; the requeued task runs again,
 * as its next attempt, and ends as {@code success}: the cancel request of the first run
 * does not reach the second. On Redis with two worker nodes in processes of their own
 * (the requeued run may land on either), and on the memory engine.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class CancelRequeueTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String REASON = "operator cancelled it";

	private final String name = RedisTestServer.uniqueName("cancel-requeue");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void aCancelledRunningTaskRequeuedRunsToSuccessOnRedisWithTwoNodes() {
		try (NodeProcess a = NodeProcess.start("cancel-requeue-a", NodeProcess.redisNode(this.name, "a"));
				NodeProcess b = NodeProcess.start("cancel-requeue-b", NodeProcess.redisNode(this.name, "b"))) {
			a.awaitWorkerStarted(START);
			b.awaitWorkerStarted(START);
			RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				UUID uuid = qtasks.addTask("first_attempt_hangs").uuid();
				String runs = ReliabilityTasks.runsKey(this.name, uuid.toString());
				await().atMost(WAIT).until(() -> RedisTestServer.get().commands().llen(runs) == 1);
				await().atMost(WAIT).until(() -> qtasks.get(uuid).orElseThrow().status() == TaskStatus.PROCESS);

				assertThat(qtasks.cancel(uuid, REASON)).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
				Task cancelled = qtasks.waitResult(uuid, WAIT).orElseThrow();
				assertThat(cancelled.status()).as("%s", Records.describe(cancelled)).isEqualTo(TaskStatus.CANCEL);
				assertThat(cancelled.cancelReason()).isEqualTo(REASON);

				assertThat(client.getBean(TaskEngine.class).requeues().requeue(uuid))
					.isEqualTo(RequeueOutcome.REQUEUED);
				// the requeue is stored: the wait is for the new run
				Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.attempt()).isEqualTo(2);
				assertThat(done.cancelReason()).isNull();
				assertThat(done.extra()).containsEntry("requeues", 1);
				List<String> nodes = RedisTestServer.get().commands().lrange(runs, 0, -1);
				assertThat(nodes).as("the nodes of the runs")
					.hasSize(2)
					.allMatch((node) -> List.of("a", "b").contains(node));
				assertThat(done.returning()).isEqualTo(nodes.get(1));
			});
		}
	}

	@Test
	void aCancelledRunningTaskRequeuedRunsToSuccessOnMemory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withBean(HangingTask.class)
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				UUID uuid = qtasks.addTask("memory_first_attempt_hangs").uuid();
				await().atMost(WAIT).until(() -> qtasks.get(uuid).orElseThrow().status() == TaskStatus.PROCESS);

				assertThat(qtasks.cancel(uuid, REASON)).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
				Task cancelled = qtasks.waitResult(uuid, WAIT).orElseThrow();
				assertThat(cancelled.status()).as("%s", Records.describe(cancelled)).isEqualTo(TaskStatus.CANCEL);
				assertThat(cancelled.cancelReason()).isEqualTo(REASON);

				assertThat(context.getBean(TaskEngine.class).requeues().requeue(uuid))
					.isEqualTo(RequeueOutcome.REQUEUED);
				// the requeue is stored: the wait is for the new run
				Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.attempt()).isEqualTo(2);
				assertThat(done.returning()).isEqualTo("attempt 2");
				assertThat(done.cancelReason()).isNull();
			});
	}

	/**
	 * The memory variant's task: its first attempt works until it is cancelled, later
	 * ones return at once.
	 */
	static class HangingTask {

		private final TaskContext context;

		HangingTask(TaskContext context) {
			this.context = context;
		}

		@QTask(name = "memory_first_attempt_hangs")
		public String run() {
			if (this.context.attempt() == 1) {
				this.context.sleep(Duration.ofMinutes(10));
			}
			return "attempt " + this.context.attempt();
		}

	}

}

package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
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
import io.qtasks.reliability.node.NewReleaseTasks;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario: a rolling deploy. Node A runs the old release; node B, the new one, has one
 * more {@code @QTask}. Both share a Redis. Tasks of the new kind enqueued while only A
 * runs, while B starts, and once it runs, all wait for B and succeed there: none ends as
 * {@code error}, A never runs one, and A goes on running the tasks it knows meanwhile.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RollingDeployTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static final int PER_PHASE = 10;

	private final String name = RedisTestServer.uniqueName("rolling");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void tasksOfANewKindWaitForTheNewReleaseAndNeverFailOnTheOldOne() {
		RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
			QTasks qtasks = client.getBean(QTasks.class);
			List<UUID> newKind = new ArrayList<>();
			try (NodeProcess a = NodeProcess.start("rolling-a-old", NodeProcess.redisNode(this.name, "a"))) {
				a.awaitWorkerStarted(START);
				for (int i = 0; i < PER_PHASE; i++) {
					newKind.add(qtasks.addTask(NewReleaseTasks.NEW_KIND, 20).uuid());
				}
				// A claims behind them what it knows: the new kind is left alone
				Task known = qtasks.task("labelled").args(10).addAndWait(WAIT);
				assertThat(known.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(known.returning()).isEqualTo("a");
				for (UUID uuid : newKind) {
					Task waiting = qtasks.get(uuid).orElseThrow();
					assertThat(waiting.status()).as("%s while only the old release runs", waiting)
						.isEqualTo(TaskStatus.NEW);
					assertThat(waiting.extra()).doesNotContainKey("attempts");
				}

				Map<String, String> newRelease = NodeProcess.redisNode(this.name, "b");
				newRelease.put("reliability.release", "new");
				try (NodeProcess b = NodeProcess.start("rolling-b-new", newRelease)) {
					for (int i = 0; i < PER_PHASE; i++) {
						newKind.add(qtasks.addTask(NewReleaseTasks.NEW_KIND, 20).uuid());
					}
					b.awaitWorkerStarted(START);
					for (int i = 0; i < PER_PHASE; i++) {
						newKind.add(qtasks.addTask(NewReleaseTasks.NEW_KIND, 20).uuid());
					}
					// the old release keeps running what it knows during the deploy
					assertThat(qtasks.task("labelled").args(10).addAndWait(WAIT).status())
						.isEqualTo(TaskStatus.SUCCESS);

					for (UUID uuid : newKind) {
						Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
						assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
						assertThat(done.returning()).as("the node that ran %s", Records.describe(done)).isEqualTo("b");
						assertThat(done.extra()).as("%s", Records.describe(done)).doesNotContainKey("deliveries");
						assertThat(RedisTestServer.get()
							.commands()
							.lrange(ReliabilityTasks.runsKey(this.name, uuid.toString()), 0, -1))
							.as("the nodes that ran %s", uuid)
							.containsExactly("b");
					}
					assertThat(a.logged((line) -> line.contains(NewReleaseTasks.NEW_KIND)))
						.as("the old release mentions the new kind; see %s", a.log())
						.isFalse();
				}
			}
		});
	}

}

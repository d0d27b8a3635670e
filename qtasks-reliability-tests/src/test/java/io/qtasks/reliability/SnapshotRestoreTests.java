package io.qtasks.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.reliability.node.ReliabilityTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: Redis comes back from an older snapshot. A Redis of the test's own that
 * persists by RDB only takes a snapshot in the middle of a batch; the worker makes more
 * claims (and finishes tasks) after it; then Redis crashes without saving and restarts
 * from the snapshot, so that its claims, tokens and records are those of a moment the
 * worker has left behind. No two live claims may share a token (tokens are random, never
 * a counter that the older state would hand out again), every invariant holds right after
 * the restart and later, and every task ends as {@code success}.
 *
 * @author QTasks contributors
 */
class SnapshotRestoreTests {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final String NAME = "snapshot";

	private static final int COUNT = 40;

	private static final long TASK_MILLIS = 400;

	@TempDir
	Path data;

	@Test
	void aRedisRestoredFromAnOlderSnapshotGivesNoTokenToTwoClaimsAndEveryTaskSucceeds() {
		try (SnapshotRedis redis = new SnapshotRedis(this.data)) {
			redis.start();
			node(redis, "qtasks.worker.concurrency=4")
				.run((worker) -> node(redis, "qtasks.worker.enabled=false").run((client) -> {
					QTasks qtasks = client.getBean(QTasks.class);
					String effectsKey = ReliabilityTasks.effectsKey(NAME);
					List<UUID> uuids = new ArrayList<>();
					for (int i = 0; i < COUNT; i++) {
						uuids.add(qtasks.addTask("work", TASK_MILLIS).uuid());
					}
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(20))
						.until(() -> redis.commands().hlen(effectsKey) >= 4);
					redis.snapshot();
					long doneAtSnapshot = redis.commands().hlen(effectsKey);
					// more claims and more finished tasks that the snapshot does not have
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(20))
						.until(() -> redis.commands().hlen(effectsKey) >= doneAtSnapshot + 12);
					long doneAtCrash = redis.commands().hlen(effectsKey);
					redis.crash();
					redis.start();
					assertThat(redis.commands().hlen(effectsKey)).as("the snapshot is older than the crash")
						.isLessThan(doneAtCrash);
					RedisInvariants.assertHold(redis.commands(), NAME);

					TaskEngine engine = client.getBean(TaskEngine.class);
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(250))
						.ignoreExceptionsMatching((ex) -> !(ex instanceof AssertionError))
						.until(() -> {
							// the invariants hold at every moment, not only at the end
							RedisInvariants.assertHold(redis.commands(), NAME);
							return engine.stats().countByStatus().get(TaskStatus.SUCCESS) == COUNT;
						});
					Map<String, String> runs = redis.commands().hgetall(effectsKey);
					int ranAgain = 0;
					for (UUID uuid : uuids) {
						Task task = qtasks.get(uuid).orElseThrow();
						assertThat(task.status()).as("%s", task).isEqualTo(TaskStatus.SUCCESS);
						ranAgain += (Integer.parseInt(runs.getOrDefault(uuid.toString(), "0")) > 1) ? 1 : 0;
					}
					RedisCommands<String, String> commands = redis.commands();
					RedisKeys keys = new RedisKeys(NAME);
					assertThat(commands.zcard(keys.inflight())).isZero();
					assertThat(commands.zcard(keys.pending("work"))).isZero();
					RedisInvariants.assertHold(commands, NAME);
					System.out.printf("[snapshot] %d tasks, %d done at the snapshot, %d at the crash, %d ran again%n",
							COUNT, doneAtSnapshot, doneAtCrash, ranAgain);
				}));
		}
	}

	private static ApplicationContextRunner node(SnapshotRedis redis, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues(redis.connectionProperties())
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=" + NAME, "qtasks.redis.lease=3s",
					"qtasks.redis.heartbeat-interval=1s", "qtasks.redis.reaper-interval=1s",
					"spring.data.redis.timeout=1s")
			.withBean(ReliabilityTasks.class)
			.withPropertyValues(properties);
	}

}

package io.qtasks.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 3: {@code SIGTERM} to a worker process. Tasks that can finish within
 * {@code qtasks.worker.shutdown-timeout} do; the rest are interrupted when it passes, and
 * on Redis handed straight back to the queue, where another node can claim them at once
 * rather than after their lease.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class GracefulShutdownTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String SHUTDOWN_TIMEOUT = "6s";

	/** Longer than any test runs: a task it holds can only come back by a hand-back. */
	private static final String LEASE = "10m";

	/** Still running when the signal comes, and done well within the shutdown timeout. */
	private static final long SHORT_MILLIS = 2500;

	/** Far longer than the shutdown timeout. */
	private static final long LONG_MILLIS = Duration.ofMinutes(10).toMillis();

	private final String name = RedisTestServer.uniqueName("shutdown");

	@TempDir
	Path markers;

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void sigtermOnMemoryLetsRunningTasksFinishAndInterruptsTheRest() {
		Map<String, String> properties = nodeProperties();
		properties.put("qtasks.broker.type", "memory");
		properties.put("reliability.slow",
				"short-1:" + SHORT_MILLIS + ",short-2:" + SHORT_MILLIS + ",long:" + LONG_MILLIS);
		try (NodeProcess node = NodeProcess.start("shutdown-memory", properties)) {
			node.awaitWorkerStarted(START);
			awaitMarkers("short-1.started", "short-2.started", "long.started");
			node.terminate();
			assertThat(node.awaitExit(WAIT)).as("the node exits, see %s", node.log()).isTrue();
			assertThat(this.markers.resolve("short-1.finished")).exists();
			assertThat(this.markers.resolve("short-2.finished")).exists();
			assertThat(this.markers.resolve("long.interrupted")).exists();
			assertThat(this.markers.resolve("long.finished")).doesNotExist();
			assertThat(node.logged((line) -> line.contains("1 task(s) still running after"))).isTrue();
			// the memory broker cannot keep the interrupted task, and says so
			assertThat(node.logged((line) -> line.contains("1 queued task(s) are lost"))).isTrue();
		}
	}

	@Test
	void sigtermOnRedisFinishesRunningTasksAndHandsTheRestBackAtOnce() {
		Map<String, String> properties = nodeProperties();
		properties.put("qtasks.broker.type", "redis");
		try (NodeProcess node = NodeProcess.start("shutdown-redis", properties)) {
			node.awaitWorkerStarted(START);
			RedisTestApplications.runner(this.name)
				.withPropertyValues("qtasks.worker.enabled=false", "qtasks.redis.lease=" + LEASE)
				.run((client) -> {
					QTasks qtasks = client.getBean(QTasks.class);
					UUID short1 = qtasks.addTask("slow", "short-1", SHORT_MILLIS).uuid();
					UUID short2 = qtasks.addTask("slow", "short-2", SHORT_MILLIS).uuid();
					UUID interrupted = qtasks.addTask("slow", "long", LONG_MILLIS).uuid();
					awaitMarkers("short-1.started", "short-2.started", "long.started");
					node.terminate();
					assertThat(node.awaitExit(WAIT)).as("the node exits, see %s", node.log()).isTrue();

					for (UUID finished : List.of(short1, short2)) {
						assertThat(qtasks.get(finished)).get().extracting(Task::status).isEqualTo(TaskStatus.SUCCESS);
					}
					Task handedBack = qtasks.get(interrupted).orElseThrow();
					assertThat(handedBack.status()).isEqualTo(TaskStatus.NEW);
					RedisKeys keys = new RedisKeys(this.name);
					assertThat(RedisTestServer.get().commands().zscore(keys.inflight(), interrupted.toString()))
						.as("still claimed")
						.isNull();
					assertThat(client.getBean(TaskEngine.class).stats().pendingCount()).isEqualTo(1);
					assertThat(client.getBean(TaskEngine.class).stats().countByStatus())
						.containsEntry(TaskStatus.SUCCESS, 2L)
						.containsEntry(TaskStatus.NEW, 1L)
						.containsEntry(TaskStatus.PROCESS, 0L);

					// another node claims it now, long before the lease would have run
					// out
					List<TaskDelivery> claimed = client.getBean(TaskEngine.class)
						.claim(ClaimRequest.anyTask(1, Duration.ofSeconds(5)));
					assertThat(claimed).singleElement().satisfies((delivery) -> {
						assertThat(delivery.task().uuid()).isEqualTo(interrupted);
						assertThat(delivery.deliveries()).isEqualTo(2);
					});
				});
		}
	}

	private Map<String, String> nodeProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("qtasks.name", this.name);
		properties.put("spring.data.redis.host", RedisTestServer.get().host());
		properties.put("spring.data.redis.port", String.valueOf(RedisTestServer.get().port()));
		properties.put("qtasks.worker.concurrency", "4");
		properties.put("qtasks.worker.shutdown-timeout", SHUTDOWN_TIMEOUT);
		properties.put("qtasks.redis.lease", LEASE);
		properties.put("reliability.markers", this.markers.toString());
		return properties;
	}

	private void awaitMarkers(String... names) {
		await().atMost(WAIT).untilAsserted(() -> {
			for (String name : names) {
				assertThat(Files.exists(this.markers.resolve(name))).as(name).isTrue();
			}
		});
	}

}

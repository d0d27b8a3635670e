package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 1: a worker process killed with {@code kill -9} while thousands of tasks are
 * in flight or queued. The surviving process finishes them all: every task ends as
 * {@code success}, its side effect happened once, or twice when the dead process had got
 * that far and the record shows the second delivery. Nothing is lost and nothing stays
 * claimed.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class KilledWorkerTests {

	private static final Duration START = Duration.ofSeconds(120);

	private final String name = RedisTestServer.uniqueName("kill9");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void aWorkerKilledMidBatchLosesNoTask() {
		int count = ReliabilitySettings.killTasks();
		RedisKeys keys = new RedisKeys(this.name);
		String effectsKey = ReliabilityTasks.effectsKey(this.name);
		try (NodeProcess a = NodeProcess.start("kill9-a", nodeProperties());
				NodeProcess b = NodeProcess.start("kill9-b", nodeProperties())) {
			a.awaitWorkerStarted(START);
			b.awaitWorkerStarted(START);
			RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				Random random = new Random(42);
				List<Integer> durations = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					durations.add(5 + random.nextInt(40));
				}
				// enqueued from several threads, so that the batch is queued much faster
				// than the two nodes work it off, however busy this machine is
				List<UUID> uuids = enqueueInParallel(qtasks, durations);
				// kill A once both nodes are well into the batch, with much of it still
				// queued
				await().atMost(START)
					.pollInterval(Duration.ofMillis(20))
					.until(() -> RedisTestServer.get().commands().hlen(effectsKey) >= count / 10);
				a.kill();
				assertThat(RedisTestServer.get().commands().zcard(keys.pending("work"))).as("tasks queued at the kill")
					.isGreaterThan(count / 4);
				assertThat(a.awaitExit(Duration.ofSeconds(30))).isTrue();

				TaskEngine storage = client.getBean(TaskEngine.class);
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> storage.stats().countByStatus().get(TaskStatus.SUCCESS) == count);

				Map<String, String> effects = RedisTestServer.get().commands().hgetall(effectsKey);
				Map<UUID, Integer> redelivered = new LinkedHashMap<>();
				for (UUID uuid : uuids) {
					Task task = qtasks.get(uuid).orElseThrow();
					assertThat(task.status()).as("status of %s", uuid).isEqualTo(TaskStatus.SUCCESS);
					int deliveries = deliveries(task);
					int runs = Integer.parseInt(effects.getOrDefault(uuid.toString(), "0"));
					assertThat(runs).as("side effects of %s (%s)", uuid, task).isBetween(1, deliveries);
					if (deliveries > 1) {
						redelivered.put(uuid, runs);
					}
				}
				assertThat(redelivered).as("tasks the killed node held").isNotEmpty();
				assertThat(storage.stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, (long) count)
					.containsEntry(TaskStatus.NEW, 0L)
					.containsEntry(TaskStatus.PROCESS, 0L)
					.containsEntry(TaskStatus.RETRY, 0L)
					.containsEntry(TaskStatus.ERROR, 0L);
				assertThat(RedisTestServer.get().commands().zcard(keys.pending("work"))).isZero();
				assertThat(RedisTestServer.get().commands().zcard(keys.inflight())).isZero();
				System.out.printf("[kill -9] %d tasks, %d delivered twice or more, %d of those ran twice%n", count,
						redelivered.size(), redelivered.values().stream().filter((runs) -> runs > 1).count());
			});
		}
	}

	private static List<UUID> enqueueInParallel(QTasks qtasks, List<Integer> durations) throws Exception {
		ExecutorService producers = Executors.newFixedThreadPool(8);
		try {
			List<Future<UUID>> enqueued = new ArrayList<>(durations.size());
			for (Integer duration : durations) {
				enqueued.add(producers.submit(() -> qtasks.addTask("work", duration).uuid()));
			}
			List<UUID> uuids = new ArrayList<>(durations.size());
			for (Future<UUID> uuid : enqueued) {
				uuids.add(uuid.get());
			}
			return uuids;
		}
		finally {
			producers.shutdownNow();
		}
	}

	private Map<String, String> nodeProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("qtasks.broker.type", "redis");
		properties.put("qtasks.name", this.name);
		properties.put("spring.data.redis.host", RedisTestServer.get().host());
		properties.put("spring.data.redis.port", String.valueOf(RedisTestServer.get().port()));
		properties.put("qtasks.worker.concurrency", "4");
		properties.put("qtasks.redis.lease", "3s");
		properties.put("qtasks.redis.heartbeat-interval", "1s");
		properties.put("qtasks.redis.reaper-interval", "1s");
		return properties;
	}

	private static int deliveries(Task task) {
		Object deliveries = task.extra().get("deliveries");
		return (deliveries instanceof Number number) ? number.intValue() : 1;
	}

}

package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import io.qtasks.annotation.QTask;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: heartbeat starvation. A node with a short lease (2 s, a heartbeat every 600
 * ms, housekeeping every 200 ms) runs healthy long tasks while a large backlog of
 * finished records (thousands, {@code qtasks.storage.finished-ttl} of 5 s) expires at
 * once, so that every node's housekeeping deletes records as fast as it may and Redis
 * expires keys of its own. The heartbeats must keep the leases: the healthy tasks are
 * never taken away and run again (each ran exactly once, none was delivered twice).
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class HeartbeatStarvationTests {

	private static final Duration START = Duration.ofSeconds(120);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final int HOLDS = 4;

	private static final int CLIENTS = 4;

	private final String name = RedisTestServer.uniqueName("starvation");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	@Test
	void expiringThousandsOfRecordsAtOnceTakesNoLeaseFromAHealthyTask() {
		int backlog = ReliabilitySettings.expiryRecords();
		Map<String, String> properties = NodeProcess.redisNode(this.name, "n");
		properties.put("qtasks.worker.concurrency", "8");
		properties.put("qtasks.redis.lease", "2s");
		properties.put("qtasks.redis.heartbeat-interval", "600ms");
		properties.put("qtasks.redis.reaper-interval", "200ms");
		try (NodeProcess node = NodeProcess.start("starvation-n", properties)) {
			node.awaitWorkerStarted(START);
			// the backlog's worker: in this JVM, running only the backlog's task, whose
			// records expire after 5 s
			RedisTestApplications.runner(this.name)
				.withBean(BacklogTasks.class)
				.withPropertyValues("qtasks.worker.concurrency=16", "qtasks.storage.finished-ttl=5s",
						"qtasks.redis.lease=2s", "qtasks.redis.heartbeat-interval=600ms",
						"qtasks.redis.reaper-interval=200ms")
				.run((context) -> {
					QTasks qtasks = context.getBean(QTasks.class);
					TaskEngine engine = context.getBean(TaskEngine.class);
					RedisKeys keys = new RedisKeys(this.name);
					List<UUID> holds = new ArrayList<>();
					for (int i = 0; i < HOLDS; i++) {
						holds.add(qtasks.addTask("hold").uuid());
					}
					await().atMost(WAIT).until(() -> holds.stream().allMatch((uuid) -> runs(uuid).size() == 1));

					enqueueBacklog(qtasks, backlog);
					// the backlog has run once nothing of it is queued and only the holds
					// are claimed (its first records may expire before its last ones run)
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(200))
						.until(() -> !engine.stats().pendingCountByTaskName().containsKey("backlog")
								&& RedisTestServer.get().commands().zcard(keys.inflight()) == HOLDS);
					// every backlog record expires within seconds of the others; the
					// invariants hold meanwhile (expired records still count until the
					// housekeeping forgets them)
					await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
						RedisInvariants.assertHold(this.name);
						return engine.stats().countByStatus().get(TaskStatus.SUCCESS) == 0;
					});
					assertThat(RedisTestServer.get().commands().zcard(keys.index())).as("records left in the index")
						.isEqualTo(HOLDS);

					RedisTestServer.get().commands().set(ReliabilityTasks.releaseKey(this.name), "go");
					for (UUID uuid : holds) {
						Task done = qtasks.waitResult(uuid, WAIT).orElseThrow();
						assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
						assertThat(done.extra()).as("%s", Records.describe(done)).doesNotContainKey("deliveries");
						assertThat(runs(uuid)).as("the runs of %s", uuid).containsExactly("n");
					}
					for (UUID uuid : holds) {
						assertThat(node.logged((line) -> line.contains("ran out") && line.contains(uuid.toString())))
							.as("the lease of %s ran out; see %s", uuid, node.log())
							.isFalse();
					}
					System.out.printf("[starvation] %d records expired while %d tasks held 2 s leases%n", backlog,
							HOLDS);
				});
		}
	}

	private List<String> runs(UUID uuid) {
		return RedisTestServer.get().commands().lrange(ReliabilityTasks.runsKey(this.name, uuid.toString()), 0, -1);
	}

	private static void enqueueBacklog(QTasks qtasks, int count) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> enqueueing = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				int share = count / CLIENTS + ((i < count % CLIENTS) ? 1 : 0);
				enqueueing.add(clients.submit(() -> {
					for (int n = 0; n < share; n++) {
						qtasks.addTask("backlog");
					}
				}));
			}
			for (Future<?> future : enqueueing) {
				future.get();
			}
		}
		finally {
			clients.shutdown();
		}
	}

	/**
	 * The backlog: tasks that end at once.
	 */
	static class BacklogTasks {

		@QTask(name = "backlog")
		public void backlog() {
		}

	}

}

package io.qtasks.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 1 on the JDBC engine: a worker process killed with {@code kill -9} while many
 * tasks are in flight or queued in PostgreSQL. The surviving process finishes them all
 * once the dead one's leases run out: every task ends as {@code success}, its side effect
 * happened once, or twice when the dead process had got that far and the record shows the
 * second delivery. No row stays queued or claimed. (The side effects are counted in the
 * test Redis, outside the database the tasks live in.)
 *
 * @author QTasks contributors
 */
@ExtendWith({ PostgresServerExtension.class, RedisServerExtension.class })
class JdbcKilledWorkerTests {

	private static final Duration START = Duration.ofSeconds(120);

	private final String name = RedisTestServer.uniqueName("jdbc-kill9");

	private final String prefix = PostgresTestServer.uniquePrefix("kill");

	@AfterEach
	void deleteEffects() {
		TestKeys.delete(this.name);
	}

	@Test
	void aWorkerKilledMidBatchLosesNoTask() {
		int count = ReliabilitySettings.killTasks();
		String effectsKey = ReliabilityTasks.effectsKey(this.name);
		// the schema exists before the nodes start, so that they need not race to create
		// it
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((setup) -> {
		});
		try (NodeProcess a = NodeProcess.start("jdbc-kill9-a", nodeProperties("a"));
				NodeProcess b = NodeProcess.start("jdbc-kill9-b", nodeProperties("b"))) {
			a.awaitWorkerStarted(START);
			b.awaitWorkerStarted(START);
			JdbcTestApplications.runner(this.prefix)
				.withPropertyValues("qtasks.worker.enabled=false", "qtasks.name=" + this.name)
				.run((client) -> {
					QTasks qtasks = client.getBean(QTasks.class);
					TaskEngine engine = client.getBean(TaskEngine.class);
					// batch enqueue (multi-row inserts): the queue fills much faster than
					// the
					// two nodes work it off, however busy this machine is
					Random random = new Random(42);
					List<UUID> uuids = new ArrayList<>(count);
					List<NewTask> batch = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						Instant now = Instant.now();
						Task record = Task.builder(UUID.randomUUID(), "work")
							.args(List.of(5 + random.nextInt(40)))
							.createdAt(now)
							.updatedAt(now)
							.build();
						batch.add(new NewTask(record, null));
						uuids.add(record.uuid());
						if (batch.size() == 500 || i == count - 1) {
							assertThat(engine.enqueueAll(batch)).containsOnly(true);
							batch.clear();
						}
					}
					await().atMost(START)
						.pollInterval(Duration.ofMillis(20))
						.until(() -> RedisTestServer.get().commands().hlen(effectsKey) >= count / 10);
					a.kill();
					assertThat(engine.stats().pendingCount()).as("tasks queued at the kill").isGreaterThan(count / 4);
					assertThat(a.awaitExit(Duration.ofSeconds(30))).isTrue();

					await().atMost(Duration.ofMinutes(5))
						.pollInterval(Duration.ofMillis(500))
						.until(() -> engine.stats().countByStatus().get(TaskStatus.SUCCESS) == count);

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
					JdbcTemplate jdbc = client.getBean(JdbcTemplate.class);
					assertThat(
							jdbc.queryForObject("SELECT count(*) FROM " + this.prefix + "task WHERE queue IS NOT NULL"
									+ " OR status <> 'success' OR claim_token IS NOT NULL", Long.class))
						.as("rows still queued, claimed or unfinished")
						.isZero();
					System.out.printf("[kill -9 on jdbc] %d tasks, %d delivered twice or more, %d of those ran twice%n",
							count, redelivered.size(),
							redelivered.values().stream().filter((runs) -> runs > 1).count());
				});
		}
	}

	private Map<String, String> nodeProperties(String node) {
		PostgresTestServer postgres = PostgresTestServer.get();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("qtasks.broker.type", "jdbc");
		properties.put("qtasks.name", this.name);
		properties.put("spring.datasource.url", postgres.url());
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.hikari.maximum-pool-size", "6");
		properties.put("qtasks.jdbc.table-prefix", this.prefix);
		properties.put("qtasks.jdbc.initialize-schema", "never");
		properties.put("qtasks.jdbc.lease", "3s");
		properties.put("qtasks.jdbc.heartbeat-interval", "1s");
		properties.put("qtasks.jdbc.reaper-interval", "1s");
		// the side effects are counted in the test Redis
		properties.put("spring.data.redis.host", RedisTestServer.get().host());
		properties.put("spring.data.redis.port", String.valueOf(RedisTestServer.get().port()));
		properties.put("qtasks.worker.concurrency", "4");
		properties.put("reliability.node", node);
		return properties;
	}

	private static int deliveries(Task task) {
		Object deliveries = task.extra().get("deliveries");
		return (deliveries instanceof Number number) ? number.intValue() : 1;
	}

}

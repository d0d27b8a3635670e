package io.qtasks.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.client.TaskBatchEnqueueException;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.reliability.node.ReliabilityTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: Redis stops while a client enqueues batches ({@code QTasks.addAll}), on a
 * server of the test's own with an append-only file synced on every write. Each batch is
 * one script, so after the restart every batch is stored whole or not at all: those the
 * client was told are stored are all there, the one in flight when Redis stopped is there
 * entirely or not at all, and the client got a {@link TaskBatchEnqueueException} that
 * names every uuid of that batch, so that it can look them up.
 *
 * @author QTasks contributors
 */
class BatchEnqueueFailureTests {

	private static final Duration WAIT = Duration.ofMinutes(2);

	private static final String NAME = "batch-failure";

	private static final int BATCH = 2_000;

	@TempDir
	Path data;

	@Test
	void aBatchInFlightWhenRedisStopsIsStoredWholeOrNotAtAll() throws Exception {
		try (RestartableRedis redis = new RestartableRedis(this.data)) {
			redis.start();
			client(redis).run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				List<List<UUID>> stored = new ArrayList<>();
				CountDownLatch someStored = new CountDownLatch(3);
				CompletableFuture<TaskBatchEnqueueException> failure = CompletableFuture.supplyAsync(() -> {
					while (true) {
						try {
							stored.add(qtasks.addAll(batch(qtasks)).stream().map(Task::uuid).toList());
							someStored.countDown();
						}
						catch (TaskBatchEnqueueException ex) {
							return ex;
						}
					}
				});
				assertThat(someStored.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
				redis.stop();
				TaskBatchEnqueueException refused = failure.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				redis.start();

				assertThat(refused.getCause()).isInstanceOf(DataAccessException.class);
				assertThat(refused.getUuids()).hasSize(BATCH).doesNotHaveDuplicates();
				assertThat(refused.getMessage()).contains(
						"A batch of " + BATCH + " task(s), the first 'work' as " + refused.getUuids().get(0),
						"all of them or none");
				StringRedisTemplate redisOfClient = client.getBean(StringRedisTemplate.class);
				await().atMost(WAIT).ignoreExceptions().until(() -> redisOfClient.hasKey("any") != null);
				for (List<UUID> batch : stored) {
					assertThat(storedOf(qtasks, batch)).as("a batch the client was told is stored").isEqualTo(BATCH);
				}
				int inFlight = storedOf(qtasks, refused.getUuids());
				assertThat(inFlight).as("tasks of the batch in flight that Redis kept").isIn(0, BATCH);
				long index = redisOfClient.opsForZSet().zCard(new RedisKeys(NAME).index());
				assertThat(index).isEqualTo((long) stored.size() * BATCH + inFlight);
				RedisInvariants.assertHold(redis.host(), redis.port(), NAME);
				System.out.printf("[batch-failure] %d batches stored, the batch in flight %s%n", stored.size(),
						(inFlight == 0) ? "not stored" : "stored whole");
			});
		}
	}

	private static List<TaskRequest> batch(QTasks qtasks) {
		List<TaskRequest> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			batch.add(qtasks.task("work").args(1));
		}
		return batch;
	}

	private static int storedOf(QTasks qtasks, List<UUID> uuids) {
		return (int) uuids.stream().filter((uuid) -> qtasks.get(uuid).isPresent()).count();
	}

	private static ApplicationContextRunner client(RestartableRedis redis) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues(redis.connectionProperties())
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=" + NAME, "qtasks.worker.enabled=false",
					"qtasks.redis.lease=3s", "qtasks.redis.heartbeat-interval=1s", "spring.data.redis.timeout=1s")
			.withBean(ReliabilityTasks.class);
	}

}

package io.qtasks.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import io.qtasks.TaskStatus;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksRedisAutoConfiguration;
import io.qtasks.client.TaskEnqueueException;
import io.qtasks.reliability.node.ReliabilityTasks;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: the Redis server restarts in the middle of a batch. Workers and clients
 * reconnect by themselves; every task Redis kept is finished; calls made while it is away
 * fail with an exception and leave nothing behind; the worker loop survives; waiters hear
 * of the tasks that finished after the restart.
 * <p>
 * The server is the test's own (never the shared one), with an append-only file synced on
 * every write, so that it keeps everything it acknowledged.
 *
 * @author QTasks contributors
 */
class RedisRestartTests {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final String NAME = "restart";

	private static final int WAITERS = 5;

	@TempDir
	Path data;

	@Test
	void aRedisRestartMidBatchLosesNothingAndNeedsNoAppRestart() {
		int count = ReliabilitySettings.restartTasks();
		try (RestartableRedis redis = new RestartableRedis(this.data)) {
			redis.start();
			node(redis, "qtasks.worker.concurrency=4")
				.run((worker) -> node(redis, "qtasks.worker.enabled=false").run((client) -> {
					QTasks qtasks = client.getBean(QTasks.class);
					StringRedisTemplate redisOfClient = client.getBean(StringRedisTemplate.class);
					String effectsKey = ReliabilityTasks.effectsKey(NAME);
					List<UUID> uuids = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						uuids.add(qtasks.addTask("work", 20).uuid());
					}
					// waiters for tasks at the end of the batch, which finish after the
					// restart
					List<CompletableFuture<Optional<Task>>> waiters = uuids.subList(count - WAITERS, count)
						.stream()
						.map((uuid) -> CompletableFuture.supplyAsync(() -> qtasks.waitResult(uuid, WAIT)))
						.toList();
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(20))
						.until(() -> redisOfClient.opsForHash().size(effectsKey) >= count / 4);

					redis.stop();
					TaskEnqueueException refused = catchThrowableOfType(TaskEnqueueException.class,
							() -> qtasks.addTask("work", 1));
					assertThat(refused).as("enqueue while Redis is down").isNotNull();
					assertThat(refused.getCause()).isInstanceOf(DataAccessException.class);
					assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> qtasks.get(uuids.get(0)));
					// the worker loop goes on, and says that it cannot reach Redis
					QTasksWorker loop = worker.getBean(QTasksWorker.class);
					await().atMost(WAIT).until(() -> loop.getBrokerFailure().isPresent());
					assertThat(loop.isRunning()).isTrue();
					redis.start();

					// both contexts reconnect by themselves, once Lettuce's reconnect
					// back-off lets them (a side-effect-free command shows when)
					await().atMost(WAIT).ignoreExceptions().until(() -> redisOfClient.hasKey(effectsKey) != null);
					Task after = qtasks.task("work").args(1).addAndWait(WAIT);
					assertThat(after.status()).isEqualTo(TaskStatus.SUCCESS);
					assertThat(loop.getBrokerFailure()).isEmpty();
					for (CompletableFuture<Optional<Task>> waiter : waiters) {
						assertThat(waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).get()
							.extracting(Task::status)
							.isEqualTo(TaskStatus.SUCCESS);
					}
					TaskEngine storage = client.getBean(TaskEngine.class);
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(200))
						.until(() -> storage.stats().countByStatus().get(TaskStatus.SUCCESS) == count + 1);

					Map<Object, Object> runs = redisOfClient.opsForHash().entries(effectsKey);
					int redelivered = 0;
					for (UUID uuid : uuids) {
						Task task = qtasks.get(uuid).orElseThrow();
						assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
						int deliveries = (task.extra().get("deliveries") instanceof Number number) ? number.intValue()
								: 1;
						redelivered += (deliveries > 1) ? 1 : 0;
						assertThat(Integer.parseInt((String) runs.get(uuid.toString()))).as("runs of %s", task)
							.isBetween(1, deliveries);
					}
					// the refused task was not queued later behind the caller's back
					assertThat(qtasks.get(refused.getUuid())).isEmpty();
					assertThat(redisOfClient.opsForZSet().zCard(new RedisKeys(NAME).index())).isEqualTo(count + 1);
					assertThat(storage.stats().countByStatus()).containsEntry(TaskStatus.NEW, 0L)
						.containsEntry(TaskStatus.PROCESS, 0L)
						.containsEntry(TaskStatus.RETRY, 0L)
						.containsEntry(TaskStatus.ERROR, 0L);
					RedisInvariants.assertHold(redis.host(), redis.port(), NAME);
					System.out.printf("[restart] %d tasks, %d delivered again after the restart%n", count, redelivered);
				}));
		}
	}

	private static ApplicationContextRunner node(RestartableRedis redis, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues(redis.connectionProperties())
			.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=" + NAME, "qtasks.redis.lease=3s",
					"qtasks.redis.heartbeat-interval=1s", "qtasks.redis.reaper-interval=1s",
					// fail fast while Redis is away (it must be shorter than the lease)
					"spring.data.redis.timeout=1s")
			.withBean(ReliabilityTasks.class)
			.withPropertyValues(properties);
	}

}

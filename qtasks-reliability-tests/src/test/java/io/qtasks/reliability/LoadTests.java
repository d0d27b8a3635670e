package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: eight client threads enqueue (and cancel some of what they enqueue) for a
 * bounded time while two worker nodes run. Afterwards every task has a final record, the
 * counts by status add up exactly to what was enqueued, and the counts Redis keeps agree
 * with a scan of the records.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class LoadTests {

	private static final int CLIENTS = 8;

	private static final int CANCEL_EVERY = 7;

	private static final int FAIL_EVERY = 10;

	private final String name = RedisTestServer.uniqueName("load");

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	private ApplicationContextRunner node(String... properties) {
		return RedisTestApplications.runner(this.name).withBean(LoadTasks.class).withPropertyValues(properties);
	}

	@Test
	void countsByStatusAddUpToWhatWasEnqueued() {
		Duration duration = ReliabilitySettings.loadDuration();
		node("qtasks.worker.concurrency=8").run((a) -> node("qtasks.worker.concurrency=8")
			.run((b) -> node("qtasks.worker.enabled=false").run((client) -> {
				QTasks qtasks = client.getBean(QTasks.class);
				ConcurrentLinkedQueue<Enqueued> enqueued = new ConcurrentLinkedQueue<>();
				AtomicInteger numbers = new AtomicInteger();
				long deadline = System.nanoTime() + duration.toNanos();
				ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
				List<Future<?>> running = new ArrayList<>();
				for (int i = 0; i < CLIENTS; i++) {
					running.add(clients.submit(() -> {
						while (System.nanoTime() < deadline) {
							int n = numbers.incrementAndGet();
							UUID uuid = qtasks.addTask("load", n).uuid();
							CancelOutcome cancel = (n % CANCEL_EVERY == 0) ? qtasks.cancel(uuid, "load test") : null;
							enqueued.add(new Enqueued(uuid, n, cancel));
						}
					}));
				}
				for (Future<?> enqueueing : running) {
					enqueueing.get();
				}
				clients.shutdown();
				int total = enqueued.size();

				TaskEngine storage = client.getBean(TaskEngine.class);
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> finished(storage.stats().countByStatus()) == total);

				Map<TaskStatus, Long> counts = storage.stats().countByStatus();
				assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
				assertThat(counts).containsEntry(TaskStatus.NEW, 0L)
					.containsEntry(TaskStatus.PROCESS, 0L)
					.containsEntry(TaskStatus.RETRY, 0L);
				Map<TaskStatus, Long> seen = new EnumMap<>(TaskStatus.class);
				for (Enqueued task : enqueued) {
					Task record = qtasks.get(task.uuid()).orElseThrow();
					seen.merge(record.status(), 1L, Long::sum);
					if (task.cancel() == CancelOutcome.CANCELLED) {
						assertThat(record.status()).isEqualTo(TaskStatus.CANCEL);
					}
					else if (record.status() != TaskStatus.CANCEL) {
						assertThat(record.status()).as("%s", record)
							.isEqualTo((task.n() % FAIL_EVERY == 0) ? TaskStatus.ERROR : TaskStatus.SUCCESS);
					}
				}
				assertThat(seen).as("statuses of the records").isEqualTo(withoutZeros(counts));
				assertThat(scanStatuses()).as("statuses found by scanning Redis").isEqualTo(withoutZeros(counts));
				RedisKeys keys = new RedisKeys(this.name);
				RedisCommands<String, String> redis = RedisTestServer.get().commands();
				assertThat(redis.zcard(keys.index())).isEqualTo(total);
				assertThat(redis.zcard(keys.pending("load"))).isZero();
				assertThat(redis.zcard(keys.inflight())).isZero();
				System.out.printf("[load] %d tasks enqueued by %d clients in %s: %s%n", total, CLIENTS, duration,
						counts);
			})));
	}

	private Map<TaskStatus, Long> scanStatuses() {
		RedisCommands<String, String> redis = RedisTestServer.get().commands();
		Map<TaskStatus, Long> statuses = new EnumMap<>(TaskStatus.class);
		ScanArgs matching = ScanArgs.Builder.matches(new RedisKeys(this.name).prefix() + "task:*").limit(1000);
		KeyScanCursor<String> cursor = redis.scan(matching);
		while (true) {
			for (String key : cursor.getKeys()) {
				statuses.merge(TaskStatus.fromValue(redis.hget(key, "status")), 1L, Long::sum);
			}
			if (cursor.isFinished()) {
				return statuses;
			}
			cursor = redis.scan(ScanCursor.of(cursor.getCursor()), matching);
		}
	}

	private static long finished(Map<TaskStatus, Long> counts) {
		return counts.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isFinished())
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static Map<TaskStatus, Long> withoutZeros(Map<TaskStatus, Long> counts) {
		Map<TaskStatus, Long> nonZero = new EnumMap<>(TaskStatus.class);
		counts.forEach((status, count) -> {
			if (count != 0) {
				nonZero.put(status, count);
			}
		});
		return nonZero;
	}

	private record Enqueued(UUID uuid, int n, CancelOutcome cancel) {

	}

	/**
	 * The load scenario's task: quick, and failing for every tenth number.
	 */
	static class LoadTasks {

		@QTask(name = "load")
		public int load(int n) {
			if (n % FAIL_EVERY == 0) {
				throw new IllegalStateException("fails on purpose: " + n);
			}
			return n;
		}

	}

}

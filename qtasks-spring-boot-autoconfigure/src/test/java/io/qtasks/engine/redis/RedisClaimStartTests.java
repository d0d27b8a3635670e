package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The claim that also records the start of a task's attempt on Redis: what every node
 * reads while the task runs, and what a claim that lost its lease leaves behind.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisClaimStartTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = RedisTestServer.uniqueName("claim-start");

	private final RedisKeys keys = new RedisKeys(this.name);

	private final TaskProbe probe = new TaskProbe();

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	private ApplicationContextRunner runner(String... properties) {
		return RedisTestApplications.runner(this.name)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("qtasks.redis.lease=1s", "qtasks.redis.heartbeat-interval=200ms",
					"qtasks.redis.reaper-interval=100ms")
			.withPropertyValues(properties);
	}

	@Test
	void aRunningTaskReadsAsStartedByItsNodeAlthoughItsWorkerWroteNoProcessRecord() {
		runner().run((context) -> {
			UUID uuid = qtasks(context).addTask("hold", "running").uuid();
			assertThat(this.probe.awaitStart("running", WAIT)).isTrue();

			Task running = qtasks(context).get(uuid).orElseThrow();
			assertThat(running.status()).isEqualTo(TaskStatus.PROCESS);
			assertThat(running.attempt()).isEqualTo(1);
			Map<String, Object> attempt = onlyAttempt(running);
			assertThat(attempt.get("attempt")).isEqualTo(1);
			assertThat(attempt.get("node")).isEqualTo(context.getBean(QTasksWorker.class).getId());
			assertThat(attempt.get("startedAt")).isEqualTo(running.extra().get("startedAt"))
				.isEqualTo(running.updatedAt().toString());
			assertThat(running.extra()).doesNotContainKeys("dueAt", "deliveries", "progress");
			assertThat(engine(context).list(new TaskQuery(TaskStatus.PROCESS, null, 10))).containsExactly(running);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.PROCESS, 1L)
				.containsEntry(TaskStatus.NEW, 0L);
			// written once by the enqueue and once by the claim: the worker's own process
			// write would have been a third
			assertThat(hash(uuid, "rev")).isEqualTo("2");
			assertThat(hash(uuid, "start")).isNotNull();

			this.probe.open("running");
			Task done = qtasks(context).waitResult(uuid, WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(onlyAttempt(done)).containsEntry("node", attempt.get("node"))
				.containsEntry("startedAt", attempt.get("startedAt"))
				.containsKey("endedAt");
			assertThat(hash(uuid, "start")).isNull();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.PROCESS, 0L)
				.containsEntry(TaskStatus.SUCCESS, 1L);
		});
	}

	@Test
	void aGeneratorWritesItsStartWithItsProgressItself() {
		GeneratorTasks tasks = new GeneratorTasks();
		runner().withBean(GeneratorTasks.class, () -> tasks).run((context) -> {
			UUID uuid = qtasks(context).addTask("generate").uuid();
			assertThat(tasks.started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

			Task running = qtasks(context).get(uuid).orElseThrow();
			assertThat(running.status()).isEqualTo(TaskStatus.PROCESS);
			assertThat(running.extra()).containsEntry("progress", Map.of("count", 0));
			assertThat(onlyAttempt(running)).containsEntry("attempt", 1)
				.containsEntry("node", context.getBean(QTasksWorker.class).getId());
			// the claim's start, then the worker's own write, which took the start field
			// away
			assertThat(hash(uuid, "rev")).isEqualTo("3");
			assertThat(hash(uuid, "start")).isNull();

			tasks.open.countDown();
			Task done = qtasks(context).waitResult(uuid, WAIT).orElseThrow();
			assertThat(done.returning()).isEqualTo(List.of(1, 2));
		});
	}

	@Test
	void aClaimThatRecordedTheStartAndLostItsLeaseLeavesAnAttemptThatTheNextRunCountsAsLost() {
		runner("qtasks.worker.enabled=false").run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "twice").uuid();
			try (RedisTestApplications.UnstartedNode dead = RedisTestApplications.unstartedNode(context, this.name)) {
				TaskDelivery claimed = dead.engine()
					.claim(ClaimRequest.anyTask(1, WAIT).startingOn("the dead node"))
					.get(0);
				assertThat(claimed.claimRecordedStart()).isTrue();
				assertThat(claimed.task().status()).isEqualTo(TaskStatus.NEW);
			}
			// the dead node's lease runs out and the housekeeping puts the task back
			await().atMost(WAIT).until(() -> engine(context).stats().pendingCount() == 1);
			Task requeued = qtasks(context).get(uuid).orElseThrow();
			assertThat(requeued.status()).isEqualTo(TaskStatus.PROCESS);
			assertThat(onlyAttempt(requeued)).containsEntry("node", "the dead node").doesNotContainKey("endedAt");

			runner().run((worker) -> {
				Task done = qtasks(worker).waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.attempt()).isEqualTo(2);
				assertThat(done.extra()).containsEntry("deliveries", 2);
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> attempts = (List<Map<String, Object>>) done.extra().get("attempts");
				assertThat(attempts).hasSize(2);
				assertThat(attempts.get(0)).containsEntry("node", "the dead node")
					.hasEntrySatisfying("error", (error) -> assertThat(error).asString().startsWith("lost"));
				assertThat(attempts.get(1)).containsEntry("attempt", 2)
					.containsEntry("node", worker.getBean(QTasksWorker.class).getId())
					.containsKey("endedAt");
			});
		});
	}

	@Test
	void aStartFieldThatIsNoStartFailsTheTaskClearlyAndTheWorkerGoesOn() {
		runner("qtasks.worker.enabled=false").run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "unreadable").uuid();
			RedisTestServer.get().commands().hset(this.keys.task(uuid), "start", "not a start");
			assertThatExceptionOfType(UnreadableRecordException.class)
				.isThrownBy(() -> context.getBean(RedisTaskRecordStore.class).find(uuid))
				.withMessageContaining("its start field 'not a start' is not the start of an attempt");

			runner().run((worker) -> {
				// unreadable until the worker has stored the error
				Task failed = await().atMost(WAIT)
					.ignoreException(UnreadableRecordException.class)
					.until(() -> qtasks(worker).get(uuid).orElseThrow(), Task::isFinished);
				assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
				assertThat(failed.traceback()).contains("its start field 'not a start'");
				Task next = qtasks(worker).task("echo").args("still working").addAndWait(WAIT);
				assertThat(next.status()).isEqualTo(TaskStatus.SUCCESS);
			});
		});
	}

	static class GeneratorTasks {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch open = new CountDownLatch(1);

		@QTask(name = "generate")
		public Stream<Integer> generate() throws InterruptedException {
			this.started.countDown();
			this.open.await();
			return Stream.of(1, 2);
		}

	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> onlyAttempt(Task record) {
		assertThat(record.extra().get("attempts")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.isInstanceOf(Map.class);
		return (Map<String, Object>) ((List<?>) record.extra().get("attempts")).get(0);
	}

	private String hash(UUID uuid, String field) {
		return RedisTestServer.get().commands().hget(this.keys.task(uuid), field);
	}

	private static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

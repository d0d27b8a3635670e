package io.qtasks.broker.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.broker.EngineTestTasks;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.TaskProbe;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.redis.RedisKeys;
import io.qtasks.storage.redis.RedisSubscriptions;
import io.qtasks.storage.redis.RedisTaskCodec;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases, fencing and bad queue entries of the Redis broker.
 *
 * @author QTasks contributors
 */
@ExtendWith({ RedisServerExtension.class, OutputCaptureExtension.class })
class RedisLeaseTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = RedisTestServer.uniqueName("leases");

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
	void anAttemptWhoseLeaseWasTakenOverCannotOverwriteTheNewerOne() {
		runner("qtasks.worker.enabled=false").run((context) -> {
			// two nodes that never send heartbeats, so their leases run out
			RedisTaskBroker stale = unstartedBroker(context);
			RedisTaskBroker fresh = unstartedBroker(context);
			try {
				UUID uuid = qtasks(context).addTask("echo", "contested").uuid();
				TaskDelivery first = stale.receive(1, WAIT).get(0);
				assertThat(first.update(attempt(first, TaskStatus.PROCESS, 1))).isTrue();
				await().atMost(WAIT)
					.until(() -> qtasks(context).get(uuid).map(Task::status).orElseThrow() == TaskStatus.NEW);
				TaskDelivery second = fresh.receive(1, WAIT).get(0);
				assertThat(second.task().uuid()).isEqualTo(uuid);
				assertThat(second.update(attempt(second, TaskStatus.PROCESS, 2))).isTrue();

				assertThat(first.update(attempt(first, TaskStatus.RETRY, 1))).isFalse();
				assertThat(first.complete(attempt(first, TaskStatus.SUCCESS, 1).toBuilder().returning("stale").build()))
					.isFalse();
				first.release();
				assertThat(qtasks(context).get(uuid)).get().extracting(Task::attempt).isEqualTo(2);
				assertThat(context.getBean(RedisTaskBroker.class).pendingCount()).isZero();

				assertThat(
						second.complete(attempt(second, TaskStatus.SUCCESS, 2).toBuilder().returning("fresh").build()))
					.isTrue();
				Task done = qtasks(context).waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.returning()).isEqualTo("fresh");
				assertThat(context.getBean(TaskStorage.class).countByStatus()).containsEntry(TaskStatus.SUCCESS, 1L)
					.containsEntry(TaskStatus.PROCESS, 0L)
					.containsEntry(TaskStatus.NEW, 0L);
			}
			finally {
				stale.destroy();
				fresh.destroy();
			}
		});
	}

	@Test
	void aHeartbeatWarnsOfLostClaimsButNotOfFinishedTasks(CapturedOutput output) {
		runner("qtasks.worker.enabled=false").run((context) -> {
			RedisTaskBroker node = unstartedBroker(context);
			try {
				UUID finished = qtasks(context).addTask("echo", "finished").uuid();
				UUID takenOver = qtasks(context).addTask("echo", "taken over").uuid();
				assertThat(node.receive(2, WAIT)).hasSize(2);
				StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				RedisKeys keys = new RedisKeys(this.name);
				// as when this node's own completion runs just before its heartbeat
				redis.opsForHash().put(keys.task(finished), "status", "success");
				redis.opsForHash().delete(keys.task(finished), "holder");
				// as when the lease ran out and another node claimed the task
				redis.opsForHash().put(keys.task(takenOver), "holder", "99");

				node.extendLeases();

				assertThat(output).contains("The lease of task " + takenOver + " (echo) on this node expired")
					.doesNotContain("The lease of task " + finished);
			}
			finally {
				node.destroy();
			}
		});
	}

	@Test
	void heartbeatsKeepTheLeaseOfARunningTask() {
		runner().run((context) -> {
			UUID uuid = qtasks(context).addTask("hold", "long-running").uuid();
			assertThat(this.probe.awaitStart("long-running", WAIT)).isTrue();
			// three leases long, the task stays claimed by its node and runs only once
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.probe.runs("long-running") == 1
						&& qtasks(context).get(uuid).map(Task::status).orElseThrow() == TaskStatus.PROCESS);
			this.probe.open("long-running");
			assertThat(qtasks(context).waitResult(uuid, WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
			assertThat(this.probe.runs("long-running")).isEqualTo(1);
		});
	}

	@Test
	void garbageInTheQueueFailsClearlyAndTheWorkerGoesOn(CapturedOutput output) {
		runner().run((context) -> {
			RedisKeys keys = new RedisKeys(this.name);
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			redis.opsForZSet().add(keys.pending(), "total garbage", -10);
			UUID unreadable = UUID.randomUUID();
			String entry = "00000000000000ff" + unreadable;
			redis.opsForHash()
				.putAll(keys.task(unreadable), java.util.Map.of("record", "{not json", "status", "new", "name", "echo",
						"priority", "-5", "entry", entry));
			redis.opsForZSet().add(keys.pending(), entry, -5);

			Task done = qtasks(context).task("echo").args("still working").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);

			Task failed = qtasks(context).waitResult(unreadable, WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.taskName()).isEqualTo("echo");
			assertThat(failed.traceback()).contains("The stored record of task " + unreadable + " cannot be read")
				.contains("'{not json'");
			assertThat(output).contains("Removed the entry 'total garbage' from the queue " + keys.pending());
			List<String> deadLetters = redis.opsForList().range(keys.deadLetters(), 0, -1);
			assertThat(deadLetters).singleElement().asString().contains("\"entry\":\"total garbage\"");
			assertThat(redis.opsForZSet().zCard(keys.pending())).isZero();
		});
	}

	private RedisTaskBroker unstartedBroker(AssertableApplicationContext context) {
		return RedisTestApplications.unstartedBroker(context, this.name);
	}

	private static Task attempt(TaskDelivery delivery, TaskStatus status, int attempt) {
		return delivery.task().toBuilder().status(status).attempt(attempt).updatedAt(Instant.now()).build();
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

package io.qtasks.engine.redis;

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
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskProbe;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.worker.QTasksWorker;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases, fencing and bad queue entries of the Redis engine.
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
			// two nodes that never extend their claims, so their leases run out
			try (RedisTestApplications.UnstartedNode stale = unstartedNode(context);
					RedisTestApplications.UnstartedNode fresh = unstartedNode(context)) {
				UUID uuid = qtasks(context).addTask("echo", "contested").uuid();
				TaskDelivery first = stale.claim(1, WAIT).get(0);
				Task firstAttempt = started(context, first.task());
				assertThat(first.write(firstAttempt).written()).isTrue();
				await().atMost(WAIT).until(() -> engine(context).stats().pendingCount() == 1);
				TaskDelivery second = fresh.claim(1, WAIT).get(0);
				assertThat(second.uuid()).isEqualTo(uuid);
				assertThat(second.deliveries()).isEqualTo(2);
				Task secondAttempt = started(context, second.task());
				assertThat(second.write(secondAttempt).written()).isTrue();

				assertThat(first.write(transitions(context).progressed(firstAttempt, 1)).written()).isFalse();
				assertThat(first.complete(transitions(context).succeeded(firstAttempt, "stale")).written()).isFalse();
				assertThat(first.release(transitions(context).handedBack(firstAttempt, "stale"), null).written())
					.isFalse();
				assertThat(qtasks(context).get(uuid)).get().extracting(Task::attempt).isEqualTo(2);
				assertThat(engine(context).stats().pendingCount()).isZero();

				assertThat(second.complete(transitions(context).succeeded(secondAttempt, "fresh")).written()).isTrue();
				Task done = qtasks(context).waitResult(uuid, WAIT).orElseThrow();
				assertThat(done.returning()).isEqualTo("fresh");
				assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 1L)
					.containsEntry(TaskStatus.PROCESS, 0L)
					.containsEntry(TaskStatus.NEW, 0L);
			}
		});
	}

	@Test
	void extendingReportsTheClaimsNoLongerHeld() {
		runner("qtasks.worker.enabled=false").run((context) -> {
			try (RedisTestApplications.UnstartedNode node = unstartedNode(context)) {
				qtasks(context).addTask("echo", "kept");
				qtasks(context).addTask("echo", "taken over");
				List<TaskDelivery> claimed = node.claim(2, WAIT);
				assertThat(claimed).hasSize(2);
				// as when the lease ran out and another node claimed the task
				RedisTestServer.get()
					.commands()
					.hset(new RedisKeys(this.name).task(claimed.get(1).uuid()), "claim", "another node's token");
				assertThat(node.engine().extend(claimed)).containsExactly(claimed.get(1));
			}
		});
	}

	@Test
	void aRunWhoseClaimIsLostIsStoppedAtOnceAndWritesNothing(CapturedOutput output) {
		runner().run((context) -> {
			UUID uuid = qtasks(context).addTask("sleep", "taken from it").uuid();
			assertThat(this.probe.awaitStart("taken from it", WAIT)).isTrue();
			// as when this node froze past its lease and another node took the task
			RedisTestServer.get()
				.commands()
				.hset(new RedisKeys(this.name).task(uuid),
						java.util.Map.of("claim", "another node's token", "holder", "another node's token"));
			await().atMost(WAIT)
				.until(() -> output.toString().contains("The claim on task " + uuid + " (sleep) was lost"));
			await().atMost(WAIT).until(() -> context.getBean(QTasksWorker.class).getInFlight() == 0);
			assertThat(output).contains("Task " + uuid + " (sleep): its claim was lost to another worker");
			Task record = qtasks(context).get(uuid).orElseThrow();
			assertThat(record.status()).isEqualTo(TaskStatus.PROCESS);
			assertThat(record.attempt()).isEqualTo(1);
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
			redis.opsForZSet().add(keys.pending("echo"), "total garbage", -10);
			redis.opsForSet().add(keys.names(), "echo");
			UUID unreadable = UUID.randomUUID();
			String entry = "00000000000000ff" + unreadable;
			redis.opsForHash()
				.putAll(keys.task(unreadable), java.util.Map.of("record", "{not json", "status", "new", "name", "echo",
						"priority", "-5", "entry", entry));
			redis.opsForZSet().add(keys.pending("echo"), entry, -5);

			Task done = qtasks(context).task("echo").args("still working").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);

			Task failed = qtasks(context).waitResult(unreadable, WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.taskName()).isEqualTo("echo");
			assertThat(failed.traceback()).contains("The stored record of task " + unreadable + " cannot be read")
				.contains("'{not json'");
			assertThat(output).contains("Removed the entry 'total garbage' from the queue: not a QTasks queue entry");
			List<String> deadLetters = redis.opsForList().range(keys.deadLetters(), 0, -1);
			assertThat(deadLetters).singleElement().asString().contains("\"entry\":\"total garbage\"");
			assertThat(redis.opsForZSet().zCard(keys.pending("echo"))).isZero();
		});
	}

	private RedisTestApplications.UnstartedNode unstartedNode(AssertableApplicationContext context) {
		return RedisTestApplications.unstartedNode(context, this.name);
	}

	private static Task started(AssertableApplicationContext context, Task claimed) {
		return transitions(context).started(claimed, false);
	}

	private static TaskTransitions transitions(AssertableApplicationContext context) {
		return context.getBean(TaskTransitions.class);
	}

	private static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

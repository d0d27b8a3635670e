package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.engine.TaskEngine;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pub/sub messages are lost while a node's subscription connection is down; once it is
 * back, the node catches up on what it missed.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisReconnectTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = RedisTestServer.uniqueName("reconnect");

	private final TaskProbe probe = new TaskProbe();

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void aWaiterLearnsOfACompletionPublishedWhileItsSubscriptionWasDown() throws Exception {
		RedisTestApplications.runner(this.name)
			.withPropertyValues("qtasks.worker.enabled=false", "spring.data.redis.client-name=" + this.name)
			.run((context) -> {
				UUID uuid = qtasks(context).addTask("echo", "missed").uuid();
				CompletableFuture<Task> waiter = context.getBean(TaskEngine.class).whenFinished(uuid);
				// the task finishes while the message cannot reach this node
				Task done = qtasks(context).get(uuid)
					.orElseThrow()
					.toBuilder()
					.status(TaskStatus.SUCCESS)
					.returning("missed")
					.build();
				RedisKeys keys = new RedisKeys(this.name);
				RedisTestServer.get()
					.commands()
					.hset(keys.task(uuid), java.util.Map.of("status", "success", "record",
							new RedisTaskCodec(context.getBean(TaskJsonMapper.class)).write(done)));
				dropSubscriptionConnection();
				assertThat(waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).returning()).isEqualTo("missed");
			});
	}

	@Test
	void aRunningTaskLearnsOfACancelRequestPublishedWhileItsSubscriptionWasDown() {
		RedisTestApplications.runner(this.name)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("spring.data.redis.client-name=" + this.name)
			.run((context) -> {
				UUID uuid = qtasks(context).addTask("sleep", "cancel missed").uuid();
				assertThat(this.probe.awaitStart("cancel missed", WAIT)).isTrue();
				// the request is stored, but its message cannot reach the node running it
				RedisTestServer.get().commands().hset(new RedisKeys(this.name).task(uuid), "cancel", "missed it");
				dropSubscriptionConnection();
				Task cancelled = qtasks(context).waitResult(uuid, WAIT).orElseThrow();
				assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
				assertThat(cancelled.cancelReason()).isEqualTo("missed it");
			});
	}

	private void dropSubscriptionConnection() {
		String subscriber = Arrays.stream(RedisTestServer.get().commands().clientList().split("\n"))
			.filter((client) -> client.contains(" name=" + this.name + " ") && client.contains("cmd=subscribe"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No subscription connection named " + this.name));
		String id = subscriber.substring(subscriber.indexOf("id=") + 3, subscriber.indexOf(' '));
		RedisTestServer.get().commands().clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(id)));
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

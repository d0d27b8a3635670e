package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Values another program wrote into the application's keys never stop a script half-way
 * (Redis keeps the writes a failing script made before its error, so a script that fails
 * in the middle loses the entries it had already taken).
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisForeignDataTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = RedisTestServer.uniqueName("foreign");

	private final RedisKeys keys = new RedisKeys(this.name);

	private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	private ApplicationContextRunner client() {
		return RedisTestApplications.runner(this.name)
			.withBean(TaskProbe.class, TaskProbe::new)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("qtasks.worker.enabled=false");
	}

	@Test
	void aQueueEntryNamingAKeyThatIsNoHashDoesNotCostTheEntriesClaimedWithIt() {
		client().run((context) -> {
			UUID real = qtasks(context).task("echo").args("real").priority(-10).add().uuid();
			UUID notAHash = UUID.randomUUID();
			this.redis.set(this.keys.task(notAHash), "a string");
			this.redis.zadd(this.keys.pending("echo"), -20, "00000000000000ff" + notAHash);
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(5, WAIT)).extracting((delivery) -> delivery.task().uuid()).containsExactly(real);
				assertThat(this.redis.lrange(this.keys.deadLetters(), 0, -1)).singleElement()
					.asString()
					.contains(notAHash.toString());
				assertThat(this.redis.get(this.keys.task(notAHash))).isEqualTo("a string");
			}
		});
	}

	@Test
	void aTaskWhoseCounterFieldsAreNoNumbersIsStillClaimedAndRecorded() {
		client().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "odd fields").uuid();
			this.redis.hset(this.keys.task(uuid), Map.of("deliveries", "many", "rev", "1.5x"));
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				TaskDelivery delivery = node.claim(1, WAIT).get(0);
				assertThat(delivery.deliveries()).isEqualTo(1);
				assertThat(delivery.complete(delivery.task().toBuilder().status(TaskStatus.SUCCESS).build()).written())
					.isTrue();
				assertThat(qtasks(context).get(uuid)).get().extracting(Task::status).isEqualTo(TaskStatus.SUCCESS);
			}
		});
	}

	@Test
	void theReaperRequeuesEveryExpiredTaskWhateverOneOfThemHoldsInItsPriority() {
		client().run((context) -> {
			UUID odd = qtasks(context).addTask("echo", "odd priority").uuid();
			UUID plain = qtasks(context).addTask("echo", "plain").uuid();
			UUID notAHash = UUID.randomUUID();
			this.redis.set(this.keys.task(notAHash), "a string");
			this.redis.zadd(this.keys.inflight(), 0, notAHash.toString());
			try (RedisTestApplications.UnstartedNode lost = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(lost.claim(2, WAIT)).hasSize(2);
				this.redis.hset(this.keys.task(odd), "priority", "urgent");
				// the claims of the unstarted node run out after 300ms
				await().atMost(WAIT).until(() -> {
					lost.maintenance().requeueExpiredLeases();
					return this.redis.zcard(this.keys.pending("echo")) == 2;
				});
				assertThat(qtasks(context).get(odd)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
				assertThat(qtasks(context).get(plain)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
				assertThat(this.redis.zcard(this.keys.inflight())).isZero();
			}
		});
	}

	@Test
	void expiryAndListingSkipKeysThatAreNoTaskHashes() {
		client().run((context) -> {
			UUID listed = qtasks(context).addTask("echo", "listed").uuid();
			UUID notAHash = UUID.randomUUID();
			this.redis.set(this.keys.task(notAHash), "a string");
			this.redis.zadd(this.keys.index(), System.currentTimeMillis(), notAHash.toString());
			this.redis.zadd(this.keys.expiry(TaskStatus.SUCCESS), 0, notAHash.toString());
			List<Task> tasks = context.getBean(TaskEngine.class).list(new TaskQuery(null, null, 10));
			assertThat(tasks).extracting(Task::uuid).containsExactly(listed);
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.maintenance().expireFinishedRecords()).isEqualTo(1);
				assertThat(this.redis.get(this.keys.task(notAHash))).isEqualTo("a string");
			}
		});
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

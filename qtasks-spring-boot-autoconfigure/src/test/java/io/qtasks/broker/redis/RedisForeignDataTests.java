package io.qtasks.broker.redis;

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
import io.qtasks.broker.EngineTestTasks;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.TaskProbe;
import io.qtasks.storage.TaskQuery;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.redis.RedisKeys;
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
			this.redis.zadd(this.keys.pending(), -20, "00000000000000ff" + notAHash);
			RedisTaskBroker broker = RedisTestApplications.unstartedBroker(context, this.name);
			try {
				assertThat(broker.receive(5, WAIT)).extracting((delivery) -> delivery.task().uuid())
					.containsExactly(real);
				assertThat(this.redis.lrange(this.keys.deadLetters(), 0, -1)).singleElement()
					.asString()
					.contains(notAHash.toString());
				assertThat(this.redis.get(this.keys.task(notAHash))).isEqualTo("a string");
			}
			finally {
				broker.destroy();
			}
		});
	}

	@Test
	void aTaskWhoseCounterFieldsAreNoNumbersIsStillClaimedAndRecorded() {
		client().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "odd fields").uuid();
			this.redis.hset(this.keys.task(uuid), Map.of("claims", "many", "rev", "1.5x"));
			RedisTaskBroker broker = RedisTestApplications.unstartedBroker(context, this.name);
			try {
				TaskDelivery delivery = broker.receive(1, WAIT).get(0);
				assertThat(delivery.deliveries()).isEqualTo(1);
				assertThat(delivery.complete(delivery.task().toBuilder().status(TaskStatus.SUCCESS).build())).isTrue();
				assertThat(qtasks(context).get(uuid)).get().extracting(Task::status).isEqualTo(TaskStatus.SUCCESS);
			}
			finally {
				broker.destroy();
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
			RedisTaskBroker lost = RedisTestApplications.unstartedBroker(context, this.name);
			try {
				assertThat(lost.receive(2, WAIT)).hasSize(2);
				this.redis.hset(this.keys.task(odd), "priority", "urgent");
				// the claims of the unstarted broker run out after 300ms
				await().atMost(WAIT).until(() -> {
					lost.requeueExpiredLeases();
					return this.redis.zcard(this.keys.pending()) == 2;
				});
				assertThat(qtasks(context).get(odd)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
				assertThat(qtasks(context).get(plain)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
				assertThat(this.redis.zcard(this.keys.inflight())).isZero();
			}
			finally {
				lost.destroy();
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
			List<Task> tasks = context.getBean(TaskStorage.class).list(new TaskQuery(null, null, 10));
			assertThat(tasks).extracting(Task::uuid).containsExactly(listed);
			RedisTaskBroker broker = RedisTestApplications.unstartedBroker(context, this.name);
			try {
				assertThat(broker.expireFinishedRecords()).isEqualTo(1);
				assertThat(this.redis.get(this.keys.task(notAHash))).isEqualTo("a string");
			}
			finally {
				broker.destroy();
			}
		});
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

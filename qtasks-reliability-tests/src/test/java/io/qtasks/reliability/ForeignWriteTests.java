package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.QTasks;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.client.TaskEnqueueException;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Scenario: foreign writes into an application's keys (by hand, by another program, by an
 * older release), and scripts that must not stop half-way. Redis keeps what a failing Lua
 * script wrote before its error, so a script that stops in the middle loses what it had
 * taken: a task claimed and never handed to a worker, a count moved once but not back, a
 * record stored but never queued.
 * <p>
 * Foreign fields and values in {@code counts}, a task's {@code priority} and {@code rev}
 * that are no numbers before a requeue, a 52-character queue entry whose uuid part does
 * not parse, and a {@code dead-letters} key of the wrong type while a bad entry is
 * dead-lettered: no task is lost or runs twice, the counts are right, bad entries go to
 * the dead letters (or at least out of the queue, with an error in the log), and the
 * worker goes on.
 *
 * @author QTasks contributors
 */
@ExtendWith({ RedisServerExtension.class, OutputCaptureExtension.class })
class ForeignWriteTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	/** A 36-character uuid part that is no uuid. */
	private static final String NOT_A_UUID = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";

	private final String name = RedisTestServer.uniqueName("foreign");

	private final RedisKeys keys = new RedisKeys(this.name);

	private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	private ApplicationContextRunner node(String... properties) {
		return RedisTestApplications.runner(this.name)
			.withBean(BadInputTasks.class)
			.withBean(ForeignWriteTasks.class)
			.withPropertyValues("qtasks.redis.lease=2s", "qtasks.redis.reaper-interval=500ms",
					"qtasks.worker.concurrency=4")
			.withPropertyValues(properties);
	}

	private ApplicationContextRunner client() {
		return node("qtasks.worker.enabled=false");
	}

	@Test
	void foreignValuesInTheCountsStopNoScriptHalfWay() {
		this.redis.hset(this.keys.counts(), Map.of("success", "lots", "legacy", "7"));
		node().run((context) -> {
			List<UUID> uuids = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				uuids.add(qtasks(context).addTask("add", i, 1).uuid());
			}
			for (UUID uuid : uuids) {
				endsOnce(context, uuid, TaskStatus.SUCCESS);
			}
			assertThat(context.getBean(TaskEngine.class).stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 5L)
				.containsEntry(TaskStatus.NEW, 0L)
				.containsEntry(TaskStatus.PROCESS, 0L);
			workerGoesOn(context);
		});
	}

	@Test
	void aForeignCountOfNewStopsNoEnqueueHalfWay() {
		this.redis.hset(this.keys.counts(), "new", "many");
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			for (int i = 0; i < 3; i++) {
				UUID uuid;
				try {
					uuid = qtasks.addTask("add", i, 1).uuid();
				}
				catch (TaskEnqueueException ex) {
					// refused: then nothing may be left behind
					assertThat(qtasks.get(ex.getUuid()))
						.as("what the refused enqueue of %s left behind (%s); in Redis %s", ex.getUuid(), ex.getCause(),
								rawTask(ex.getUuid()))
						.isEmpty();
					continue;
				}
				endsOnce(context, uuid, TaskStatus.SUCCESS);
			}
		});
	}

	@Test
	void aPriorityAndRevisionThatAreNoNumbersDoNotStopARequeue() {
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID uuid = qtasks.addTask("fails_first").uuid();
			assertThat(finished(context, uuid).status()).isEqualTo(TaskStatus.ERROR);
			this.redis.hset(this.keys.task(uuid), Map.of("priority", "high", "rev", "r7"));

			assertThat(context.getBean(TaskEngine.class).requeues().requeue(uuid)).isEqualTo(RequeueOutcome.REQUEUED);
			Task done = finished(context, uuid);
			assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("attempt 2");
			assertThat(this.redis.hget(this.keys.task(uuid), "deliveries")).isEqualTo("2");
			assertThat(context.getBean(TaskEngine.class).stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 1L)
				.containsEntry(TaskStatus.ERROR, 0L)
				.containsEntry(TaskStatus.NEW, 0L);
			workerGoesOn(context);
		});
	}

	@Test
	void anEntryWhoseUuidDoesNotParseIsDeadLettered(CapturedOutput output) {
		String entry = "00000000000000a1" + NOT_A_UUID;
		this.redis.zadd(this.keys.pending("add"), -10, entry);
		this.redis.sadd(this.keys.names(), "add");
		node().run((context) -> {
			workerGoesOn(context);
			assertThat(this.redis.zcard(this.keys.pending("add"))).isZero();
			assertThat(this.redis.lrange(this.keys.deadLetters(), 0, -1))
				.anySatisfy((letter) -> assertThat(letter).contains(entry));
			assertThat(output).contains("Removed the entry '" + entry + "' from the queue");
		});
	}

	@Test
	void anEntryWhoseUuidDoesNotParseLosesNoClaimWhenAHashStandsBehindIt(CapturedOutput output) {
		String entry = "00000000000000a1" + NOT_A_UUID;
		client().run((client) -> {
			List<UUID> uuids = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				uuids.add(qtasks(client).addTask("add", i, 2).uuid());
			}
			// a foreign program's hash where the entry points, claimed with the good
			// tasks in one script call
			this.redis.hset(this.keys.prefix() + "task:" + NOT_A_UUID, "entry", entry);
			this.redis.zadd(this.keys.pending("add"), -10, entry);
			node().run((context) -> {
				for (UUID uuid : uuids) {
					endsOnce(context, uuid, TaskStatus.SUCCESS);
				}
				assertThat(this.redis.zscore(this.keys.pending("add"), entry)).as("still queued").isNull();
				assertThat(this.redis.zscore(this.keys.inflight(), NOT_A_UUID)).as("claimed").isNull();
				assertThat(this.redis.lrange(this.keys.deadLetters(), 0, -1)).as("dead letters")
					.anySatisfy((letter) -> assertThat(letter).contains(entry));
				assertThat(context.getBean(QTasksWorker.class).getBrokerFailure()).isEmpty();
				workerGoesOn(context);
			});
		});
	}

	@Test
	void aDeadLettersKeyOfTheWrongTypeStopsNoClaimHalfWay(CapturedOutput output) {
		client().run((client) -> {
			this.redis.set(this.keys.deadLetters(), "not a list");
			QTasks qtasks = qtasks(client);
			// claimed in this order, in one script call: a good task, the bad entry (its
			// dead letter cannot be written), two more good tasks
			List<UUID> uuids = new ArrayList<>();
			uuids.add(qtasks.task("add").args(1, 1).priority(-10).add().uuid());
			this.redis.zadd(this.keys.pending("add"), -5, "total garbage");
			uuids.add(qtasks.task("add").args(2, 2).add().uuid());
			uuids.add(qtasks.task("add").args(3, 3).add().uuid());
			node().run((context) -> {
				for (UUID uuid : uuids) {
					endsOnce(context, uuid, TaskStatus.SUCCESS);
				}
				assertThat(this.redis.zcard(this.keys.pending("add"))).as("entries left in the queue").isZero();
				assertThat(output).contains("Removed the entry 'total garbage' from the queue");
				workerGoesOn(context);
			});
		});
	}

	private void endsOnce(AssertableApplicationContext context, UUID uuid, TaskStatus status) {
		Task done = finished(context, uuid);
		assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(status);
		assertThat(done.extra()).as("%s", Records.describe(done)).doesNotContainKey("deliveries");
		assertThat(this.redis.hget(this.keys.task(uuid), "deliveries")).as("deliveries of %s", uuid).isEqualTo("1");
	}

	private Task finished(AssertableApplicationContext context, UUID uuid) {
		QTasks qtasks = qtasks(context);
		return qtasks.waitResult(uuid, WAIT)
			.orElseGet(() -> fail("Task %s did not finish within %s: %s; in Redis %s", uuid, WAIT,
					Records.describe(qtasks.get(uuid).orElse(null)), rawTask(uuid)));
	}

	private Object rawTask(UUID uuid) {
		Map<String, String> fields = this.redis.hgetall(this.keys.task(uuid));
		fields.remove("record");
		return fields + ", in inflight " + (this.redis.zscore(this.keys.inflight(), uuid.toString()) != null)
				+ ", counts " + this.redis.hgetall(this.keys.counts());
	}

	private static void workerGoesOn(AssertableApplicationContext context) {
		Task next = qtasks(context).task("add").args(20, 22).addAndWait(WAIT);
		assertThat(next.status()).as("the next task: %s", next).isEqualTo(TaskStatus.SUCCESS);
		assertThat(next.returning()).isEqualTo(42);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	/**
	 * A task that fails its first attempt and succeeds later ones.
	 */
	static class ForeignWriteTasks {

		private final TaskContext context;

		ForeignWriteTasks(TaskContext context) {
			this.context = context;
		}

		@QTask(name = "fails_first")
		public String failsFirst() {
			if (this.context.attempt() == 1) {
				throw new IllegalStateException("the first attempt fails");
			}
			return "attempt " + this.context.attempt();
		}

	}

}

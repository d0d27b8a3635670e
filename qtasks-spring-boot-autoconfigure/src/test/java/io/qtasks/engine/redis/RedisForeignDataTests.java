package io.qtasks.engine.redis;

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

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.TaskQuery;
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

	@Test
	void countsThatAreNoNumbersNeverStopAScriptAndAreCountedAgain() {
		client().run((context) -> {
			UUID cancelled = qtasks(context).addTask("echo", "cancelled").uuid();
			UUID done = qtasks(context).addTask("echo", "done").uuid();
			this.redis.hset(this.keys.counts(), Map.of("new", "many", "cancel", "1e3", "success", ""));
			UUID queued = qtasks(context).addTask("echo", "queued").uuid();
			assertThat(qtasks(context).cancel(cancelled, "stop")).isEqualTo(CancelOutcome.CANCELLED);
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				TaskDelivery delivery = node.claim(1, WAIT).get(0);
				assertThat(delivery.uuid()).isEqualTo(done);
				assertThat(delivery.complete(delivery.task().toBuilder().status(TaskStatus.SUCCESS).build()).written())
					.isTrue();
				assertThat(qtasks(context).get(queued)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
				// this node's housekeeping, or the application's own, counts again
				node.maintenance().recountIfStale();
				assertThat(this.redis.exists(this.keys.staleCounts())).isZero();
				assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L)
					.containsEntry(TaskStatus.CANCEL, 1L)
					.containsEntry(TaskStatus.SUCCESS, 1L)
					.containsEntry(TaskStatus.PROCESS, 0L);
				assertThat(node.maintenance().recountIfStale()).isFalse();
			}
		});
	}

	@Test
	void aCountsKeyOfAnotherTypeDoesNotStopEnqueuesAndIsRebuilt() {
		client().run((context) -> {
			this.redis.set(this.keys.counts(), "not a hash");
			UUID queued = qtasks(context).addTask("echo", "queued").uuid();
			assertThat(qtasks(context).get(queued)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(this.redis.zcard(this.keys.pending("echo"))).isOne();
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				node.maintenance().recountIfStale();
				assertThat(this.redis.exists(this.keys.staleCounts())).isZero();
				assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
			}
		});
	}

	@Test
	void aRequeueGoesThroughWhateverAnotherProgramWroteIntoThePriorityAndRevision() {
		client().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "again").uuid();
			assertThat(qtasks(context).cancel(uuid, "stop")).isEqualTo(CancelOutcome.CANCELLED);
			this.redis.hset(this.keys.task(uuid), Map.of("priority", "high", "rev", "seven"));
			assertThat(engine(context).requeues().requeue(uuid)).isEqualTo(RequeueOutcome.REQUEUED);
			assertThat(qtasks(context).get(uuid)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(1, WAIT)).extracting(TaskDelivery::uuid).containsExactly(uuid);
			}
		});
	}

	@Test
	void anEntryOfTheRightLengthWhoseUuidDoesNotParseIsDeadLetteredAndTheOthersAreClaimed() {
		client().run((context) -> {
			UUID real = qtasks(context).addTask("echo", "real").uuid();
			String notAUuid = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";
			String entry = "0000000000000001" + notAUuid;
			assertThat(entry).hasSize(52);
			this.redis.hset(this.keys.prefix() + "task:" + notAUuid, "entry", entry);
			this.redis.zadd(this.keys.pending("echo"), -20, entry);
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(5, WAIT)).extracting(TaskDelivery::uuid).containsExactly(real);
				assertThat(this.redis.lrange(this.keys.deadLetters(), 0, -1)).singleElement()
					.asString()
					.contains(notAUuid);
				assertThat(this.redis.zcard(this.keys.inflight())).isOne();
			}
		});
	}

	@Test
	void aDeadLettersKeyOfAnotherTypeDoesNotStrandTheTasksClaimedBesideABadEntry() {
		client().run((context) -> {
			UUID real = qtasks(context).task("echo").args("real").priority(-10).add().uuid();
			this.redis.zadd(this.keys.pending("echo"), -20, "not an entry at all");
			this.redis.set(this.keys.deadLetters(), "a string");
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(5, WAIT)).extracting(TaskDelivery::uuid).containsExactly(real);
				assertThat(this.redis.zcard(this.keys.pending("echo"))).isZero();
				assertThat(this.redis.zrange(this.keys.inflight(), 0, -1)).containsExactly(real.toString());
				assertThat(this.redis.get(this.keys.deadLetters())).isEqualTo("a string");
			}
		});
	}

	@Test
	void theEngineListsTheEntriesItSetAsideNewestFirst() {
		client().run((context) -> {
			UUID real = qtasks(context).task("echo").args("real").add().uuid();
			this.redis.zadd(this.keys.pending("echo"), -20, "not an entry at all");
			this.redis.lpush(this.keys.deadLetters(), "not json");
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(5, WAIT)).extracting(TaskDelivery::uuid).containsExactly(real);
			}
			List<DeadLetter> listed = context.getBean(TaskEngine.class).stats().deadLetters(10);
			assertThat(listed).hasSize(2);
			assertThat(listed.get(0).entry()).isEqualTo("not an entry at all");
			assertThat(listed.get(0).reason()).startsWith("not a QTasks queue entry");
			assertThat(listed.get(0).at()).isNotNull();
			assertThat(listed.get(1)).isEqualTo(new DeadLetter("not json", "not written by QTasks", null));
		});
	}

	@Test
	void aClaimCountLeftOnATaskWhoseClaimEndedUncountedIsCountedOffAtItsNextClaim() {
		client().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "counted twice").uuid();
			// what a reaper of an older release leaves: the claim ended, its count did
			// not
			this.redis.hset(this.keys.task(uuid), Map.of("counted", "[\"echo\",\"\"]", "cqueue", "default"));
			this.redis.hset(this.keys.running(), "[\"echo\",\"\"]", "1");
			this.redis.hset(this.keys.runningByQueue(), "default", "1");
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				assertThat(node.claim(1, WAIT)).extracting(TaskDelivery::uuid).containsExactly(uuid);
			}
			assertThat(this.redis.hgetall(this.keys.running())).containsExactly(Map.entry("[\"echo\",\"\"]", "1"));
			assertThat(this.redis.hgetall(this.keys.runningByQueue())).containsExactly(Map.entry("default", "1"));
		});
	}

	@Test
	void countersOfRunningClaimsOfAnotherTypeStopNoClaimAndNoEnd() {
		client().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "counted").uuid();
			this.redis.set(this.keys.running(), "a string");
			this.redis.set(this.keys.runningByQueue(), "another string");
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				TaskDelivery delivery = node.claim(1, WAIT).get(0);
				assertThat(delivery.uuid()).isEqualTo(uuid);
				TaskTransitions transitions = node.engine().transitions();
				assertThat(delivery.complete(transitions.succeeded(transitions.started(delivery.task(), false), "done"))
					.written()).isTrue();
			}
			assertThat(this.redis.get(this.keys.running())).isEqualTo("a string");
		});
	}

	@Test
	void theSweepPutsBackUnfinishedTasksThatAreInNoQueue() {
		client().run((context) -> {
			UUID due = qtasks(context).addTask("echo", "due").uuid();
			UUID claimed = qtasks(context).addTask("echo", "claimed").uuid();
			UUID finished = qtasks(context).addTask("echo", "finished").uuid();
			UUID untouched = qtasks(context).addTask("echo", "untouched").uuid();
			qtasks(context).cancel(finished, "done");
			try (RedisTestApplications.UnstartedNode node = RedisTestApplications.unstartedNode(context, this.name)) {
				// a claim whose lease entry is gone, and a due task whose entry is gone
				TaskDelivery lost = node.claim(1, WAIT).get(0);
				assertThat(lost.uuid()).isEqualTo(due);
				this.redis.zrem(this.keys.inflight(), due.toString());
				this.redis.zrem(this.keys.pending("echo"), this.redis.hget(this.keys.task(claimed), "entry"));
				assertThat(node.maintenance().sweep()).containsExactlyInAnyOrder(due, claimed);
				assertThat(node.maintenance().sweep()).isEmpty();
				assertThat(lost.complete(lost.task().toBuilder().status(TaskStatus.SUCCESS).build()).written())
					.as("the lost claim is over")
					.isFalse();
				List<UUID> claimedAgain = node.claim(5, WAIT).stream().map(TaskDelivery::uuid).toList();
				assertThat(claimedAgain).containsExactlyInAnyOrder(due, claimed, untouched);
				assertThat(qtasks(context).get(finished)).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
			}
		});
	}

	@Test
	void listingLooksAtABoundedNumberOfTheNewestRecordsWhateverTheFilter() {
		client().run((context) -> {
			UUID oldest = qtasks(context).addTask("echo", "oldest").uuid();
			qtasks(context).cancel(oldest, "old");
			// newer records than the listing looks at, written in one call
			this.redis.eval("""
					for i = 1, tonumber(ARGV[2]) do
					  local uuid = string.format('00000000-0000-4000-8000-%012d', i)
					  redis.call('HSET', ARGV[1] .. 'task:' .. uuid, 'record', '{}', 'status', 'new', 'name', 'echo')
					  redis.call('ZADD', KEYS[1], 4102444800000 + i, uuid)
					end
					""", ScriptOutputType.STATUS, new String[] { this.keys.index() }, this.keys.prefix(),
					String.valueOf(RedisTaskRecordStore.MAX_LISTED_RANKS));
			assertThat(engine(context).list(new TaskQuery(TaskStatus.CANCEL, null, 10))).isEmpty();
			assertThat(engine(context).list(new TaskQuery(null, "no such task", 10))).isEmpty();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.CANCEL, 1L);
		});
	}

	@Test
	void listingFiltersByStatusAndNameAcrossSlices() {
		client().run((context) -> {
			List<UUID> failed = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				UUID uuid = qtasks(context).addTask("describe", List.of(), Map.of(), "x" + i).uuid();
				qtasks(context).cancel(uuid, "stop");
				failed.add(0, uuid);
				for (int j = 0; j < 700; j++) {
					qtasks(context).addTask("echo", j);
				}
			}
			assertThat(engine(context).list(new TaskQuery(TaskStatus.CANCEL, "describe", 10))).extracting(Task::uuid)
				.containsExactlyElementsOf(failed);
			assertThat(engine(context).list(new TaskQuery(TaskStatus.CANCEL, null, 2))).extracting(Task::uuid)
				.containsExactlyElementsOf(failed.subList(0, 2));
		});
	}

	private static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

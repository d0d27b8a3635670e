package io.qtasks.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.client.TaskPayloadTooLargeException;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scenario 4: bad input on the Redis broker. Whatever a client sends or someone writes
 * straight into Redis, each task ends as one {@code error} record with a clear message
 * (or is refused at enqueue), and the worker goes on with the next task.
 *
 * @author QTasks contributors
 */
@ExtendWith({ RedisServerExtension.class, OutputCaptureExtension.class })
class BadInputTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String name = RedisTestServer.uniqueName("bad-input");

	private final RedisKeys keys = new RedisKeys(this.name);

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	private ApplicationContextRunner node() {
		// a task name no live node runs ends as error at once, not after the rolling
		// deploy timeout
		return RedisTestApplications.runner(this.name)
			.withBean(BadInputTasks.class)
			.withPropertyValues("qtasks.worker.unknown-task-timeout=0s");
	}

	@Test
	void foreignValuesInTheRecordsEndAsOneErrorEachAndTheWorkerGoesOn() {
		Map<String, String> records = new LinkedHashMap<>();
		records.put("not JSON", "{not json");
		records.put("an array", "[1, 2, 3]");
		records.put("a string", "\"add\"");
		records.put("JSON null", "null");
		records.put("an empty object", "{}");
		records.put("args not a list", "{\"uuid\": \"%s\", \"taskName\": \"add\", \"status\": \"new\", \"args\": 7}");
		records.put("another task's record", "{\"uuid\": \"" + UUID.randomUUID() + "\", \"taskName\": \"add\"}");
		records.put("a status no one knows", "{\"uuid\": \"%s\", \"taskName\": \"add\", \"status\": \"lost\"}");
		records.put("binary", "\u0000\u0001\u00ff\ufffd");
		node().run((context) -> {
			List<UUID> planted = new ArrayList<>();
			records.forEach((what, record) -> planted.add(plant(record, "new", "add")));
			UUID badStatus = plant("{\"uuid\": \"%s\", \"taskName\": \"add\", \"status\": \"new\", \"priority\": 0,"
					+ " \"args\": [1, 2], \"retry\": 0, \"attempt\": 0}", "weird", "add");
			Task next = qtasks(context).task("add").args(2, 3).addAndWait(WAIT);
			assertThat(next.status()).isEqualTo(TaskStatus.SUCCESS);

			List<String> kinds = new ArrayList<>(records.keySet());
			for (int i = 0; i < planted.size(); i++) {
				Task failed = qtasks(context).waitResult(planted.get(i), WAIT).orElseThrow();
				assertThat(failed.status()).as(kinds.get(i)).isEqualTo(TaskStatus.ERROR);
				assertThat(failed.traceback()).as(kinds.get(i))
					.contains("The stored record of task " + planted.get(i) + " cannot be read");
			}
			Task failed = qtasks(context).waitResult(badStatus, WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("its status field 'weird' names no status");
			assertThat(storage(context).stats().countByStatus())
				.containsEntry(TaskStatus.ERROR, (long) planted.size() + 1)
				.containsEntry(TaskStatus.SUCCESS, 1L)
				.containsEntry(TaskStatus.NEW, 0L)
				.containsEntry(TaskStatus.PROCESS, 0L);
		});
	}

	@Test
	void foreignEntriesInTheQueueGoToTheDeadLettersAndTheWorkerGoesOn(CapturedOutput output) {
		node().run((context) -> {
			RedisCommands<String, String> redis = RedisTestServer.get().commands();
			redis.zadd(this.keys.pending("add"), -10, "total garbage");
			redis.zadd(this.keys.pending("add"), -10, "");
			String nobody = "00000000000000aa" + UUID.randomUUID();
			redis.zadd(this.keys.pending("add"), -10, nobody);
			// an entry naming a key that is no task hash at all
			UUID notAHash = UUID.randomUUID();
			redis.set(this.keys.task(notAHash), "I am a string");
			String wrongType = "00000000000000bb" + notAHash;
			redis.zadd(this.keys.pending("add"), -10, wrongType);
			redis.sadd(this.keys.names(), "add");

			Task next = qtasks(context).task("add").args(1, 1).addAndWait(WAIT);
			assertThat(next.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(redis.zcard(this.keys.pending("add"))).isZero();
			assertThat(redis.lrange(this.keys.deadLetters(), 0, -1)).hasSize(4)
				.anySatisfy((letter) -> assertThat(letter).contains("total garbage"))
				.anySatisfy((letter) -> assertThat(letter).contains(nobody))
				.anySatisfy((letter) -> assertThat(letter).contains(wrongType));
			assertThat(redis.get(this.keys.task(notAHash))).as("left alone").isEqualTo("I am a string");
			assertThat(output).contains("Removed the entry 'total garbage' from the queue");
		});
	}

	@Test
	void callsThatDoNotFitTheMethodEndAsErrorsNamingTheProblem() {
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			Map<String, Task> outcomes = new LinkedHashMap<>();
			outcomes.put("unknown name", qtasks.task("no such task").args(1).addAndWait(WAIT));
			outcomes.put("too many", qtasks.task("add").args(1, 2, 3).addAndWait(WAIT));
			outcomes.put("too few", qtasks.task("add").args(1).addAndWait(WAIT));
			outcomes.put("wrong type", qtasks.task("add").args("one", 2).addAndWait(WAIT));
			outcomes.put("unknown keyword", qtasks.task("add").args(1, 2).kwarg("c", 3).addAndWait(WAIT));
			outcomes.put("unwritable result", qtasks.task("unwritable").addAndWait(WAIT));
			assertThat(outcomes)
				.allSatisfy((what, task) -> assertThat(task.status()).as(what).isEqualTo(TaskStatus.ERROR));
			assertThat(outcomes.get("unknown name").traceback()).contains("Unknown task 'no such task'");
			assertThat(outcomes.get("too many").traceback())
				.contains("takes 2 argument(s) (int a, int b) but was given 3 positional");
			assertThat(outcomes.get("too few").traceback()).contains("missing a value for parameter 'int b'");
			assertThat(outcomes.get("wrong type").traceback()).contains("parameter 'int a' cannot take the value one");
			assertThat(outcomes.get("unknown keyword").traceback()).contains("has no parameter named 'c'");
			assertThat(outcomes.get("unwritable result").traceback()).contains("Task 'unwritable'")
				.contains("this value has no JSON form");
			assertThat(qtasks.task("add").args(20, 22).addAndWait(WAIT).returning()).isEqualTo(42);
			assertThat(storage(context).stats().countByStatus()).containsEntry(TaskStatus.ERROR, 6L)
				.containsEntry(TaskStatus.SUCCESS, 1L);
		});
	}

	@Test
	void oversizedArgumentsAreRefusedAtEnqueueAndNothingIsStored() {
		node().run((context) -> {
			String tenMegabytes = "x".repeat(10 * 1024 * 1024);
			assertThatExceptionOfType(TaskPayloadTooLargeException.class)
				.isThrownBy(() -> qtasks(context).addTask("add", tenMegabytes, 1))
				.withMessageContaining("The arguments of task 'add' take")
				.withMessageContaining("more than qtasks.max-payload-size (1048576 bytes)");
			assertThat(RedisTestServer.get().commands().zcard(this.keys.index())).isZero();
			assertThat(storage(context).stats().countByStatus().values()).allMatch((count) -> count == 0);
			assertThat(qtasks(context).task("add").args(1, 2).addAndWait(WAIT).status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void argumentsJsonCannotCarryAreRefusedAtEnqueue() {
		node().run((context) -> {
			Object deep = List.of();
			for (int i = 0; i < 5000; i++) {
				deep = List.of(deep);
			}
			Object tooDeep = deep;
			assertThatIllegalArgumentException().isThrownBy(() -> qtasks(context).addTask("add", tooDeep, 1));
			assertThat(RedisTestServer.get().commands().zcard(this.keys.index())).isZero();
		});
	}

	@Test
	void awkwardNamesWorkLikeAnyOther() {
		node().run((context) -> {
			for (String taskName : BadInputTasks.AWKWARD_NAMES) {
				Task done = qtasks(context).task(taskName).args("ok").addAndWait(WAIT);
				assertThat(done.status()).as(taskName).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.taskName()).isEqualTo(taskName);
				Task unknown = qtasks(context).task(taskName + " 2").args("ok").addAndWait(WAIT);
				assertThat(unknown.traceback()).as(taskName).contains("Unknown task '" + taskName + " 2'");
			}
			// every key stays under the application's prefix, whatever the names
			assertThat(RedisTestServer.get().commands().keys("*" + this.name + "*"))
				.allSatisfy((key) -> assertThat(key).startsWith(this.keys.prefix()));
		});
	}

	/**
	 * Writes a task straight into Redis, as a foreign program or a hand with redis-cli
	 * would.
	 */
	private UUID plant(String record, String status, String taskName) {
		UUID uuid = UUID.randomUUID();
		String entry = "0000000000000001" + uuid;
		RedisCommands<String, String> redis = RedisTestServer.get().commands();
		redis.hset(this.keys.task(uuid), Map.of("record", record.formatted(uuid), "status", status, "name", taskName,
				"priority", "-1", "entry", entry));
		redis.hincrby(this.keys.counts(), status, 1);
		redis.zadd(this.keys.pending(taskName), -1, entry);
		redis.sadd(this.keys.names(), taskName);
		return uuid;
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	private static TaskEngine storage(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

}

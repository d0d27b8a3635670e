package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSchedule;
import io.qtasks.TaskSchedules;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delayed tasks, schedules and unique keys on several nodes of one application sharing a
 * store, each node an application context of its own, as it would be a JVM of its own:
 * run against each shared engine by a subclass.
 *
 * @author QTasks contributors
 */
public abstract class SchedulingMultiNodeContractTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final TaskProbe probe = new TaskProbe();

	private final FiringProbe firings = new FiringProbe();

	/**
	 * A context runner for one node of the application, with the shared engine under test
	 * configured; every call makes a node of the same application.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner application();

	private ApplicationContextRunner node(String node, String... properties) {
		return application().withBean(TaskProbe.class, () -> this.probe)
			.withBean(FiringProbe.class, () -> this.firings)
			.withBean(EngineTestTasks.class)
			.withBean(SchedulingTestTasks.class)
			.withPropertyValues("test.node=" + node)
			.withPropertyValues(properties);
	}

	private ApplicationContextRunner client() {
		return node("client", "qtasks.worker.enabled=false");
	}

	@Test
	void aDelayedTaskEnqueuedByANodeThatStoppedRunsOnAnotherNode() {
		Instant enqueuedAt = Instant.now();
		UUID[] queued = new UUID[1];
		node("A").run((
				a) -> queued[0] = qtasks(a).task("stamp").args("outlives A").delay(Duration.ofSeconds(2)).add().uuid());
		node("B").run((b) -> {
			Task done = qtasks(b).waitResult(queued[0], WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("B");
			assertThat(this.firings.runs("outlives A")).singleElement()
				.satisfies((run) -> assertThat(run.startedAt()).isAfterOrEqualTo(enqueuedAt.plusSeconds(2)));
		});
	}

	@Test
	void twoNodesFireACronScheduleOncePerDueTime() {
		firesOncePerDueTime(SchedulingTestTasks.EverySecond.class, "every_second");
	}

	@Test
	void twoNodesFireAFixedRateScheduleOncePerDueTime() {
		firesOncePerDueTime(SchedulingTestTasks.FixedRate.class, "each_second");
	}

	private void firesOncePerDueTime(Class<?> scheduled, String schedule) {
		node("A").withBean(scheduled).run((a) -> node("B").withBean(scheduled).run((b) -> {
			Instant start = Instant.now();
			Thread.sleep(6000);
			Instant end = Instant.now();
			List<FiringProbe.Run> runs = this.firings.runs(schedule);
			// never twice for one due time
			assertThat(runs).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
			assertThat(runs).extracting(FiringProbe.Run::uuid).doesNotHaveDuplicates();
			// about once per second
			long seconds = Duration.between(start, end).toSeconds();
			assertThat(runs).hasSizeBetween((int) seconds - 3, (int) seconds + 2);
			List<Instant> due = runs.stream().map(FiringProbe.Run::dueAt).sorted().toList();
			for (int i = 1; i < due.size(); i++) {
				assertThat(Duration.between(due.get(i - 1), due.get(i)).toMillis() % 1000).isZero();
			}
			assertThat(runs).extracting(FiringProbe.Run::node).containsAnyOf("A", "B");
		}));
	}

	@Test
	void aRuntimeScheduleAddedOnOneNodeFiresOnTheOtherIsPausedAndResumedAndSurvivesARestartOfBoth() {
		client().run((client) -> node("B").run((b) -> {
			TaskSchedules schedules = qtasks(client).schedules();
			schedules.schedule("shared", "tick").fixedRate(Duration.ofMillis(500)).add();
			await().atMost(WAIT).until(() -> this.firings.runs("shared").size() >= 2);
			assertThat(this.firings.runs("shared")).extracting(FiringProbe.Run::node).containsOnly("B");

			assertThat(schedules.pause("shared")).isTrue();
			Thread.sleep(1500);
			int whilePaused = this.firings.runs("shared").size();
			Thread.sleep(1500);
			assertThat(this.firings.runs("shared")).hasSize(whilePaused);
			assertThat(b.getBean(TaskSchedules.class).get("shared")).get()
				.extracting(TaskSchedule::paused)
				.isEqualTo(true);
			assertThat(schedules.resume("shared")).isTrue();
			await().atMost(WAIT).until(() -> this.firings.runs("shared").size() > whilePaused);
		}));
		int beforeRestart = this.firings.runs("shared").size();
		node("A").run((a) -> node("B").run((b) -> {
			TaskSchedule stored = qtasks(a).schedules().get("shared").orElseThrow();
			assertThat(stored.fixedRate()).isEqualTo(Duration.ofMillis(500));
			assertThat(stored.lastDueAt()).isNotNull();
			await().atMost(WAIT).until(() -> this.firings.runs("shared").size() >= beforeRestart + 2);
			assertThat(this.firings.runs("shared")).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
			assertThat(qtasks(b).schedules().remove("shared")).isTrue();
		}));
	}

	@Test
	void concurrentAddsWithOneUniqueKeyOnTwoNodesQueueOneTask() throws Exception {
		client().run((a) -> client().run((b) -> {
			Set<UUID> uuids = SchedulingContractTests.addConcurrently(List.of(qtasks(a), qtasks(b)), "two nodes", 16);
			assertThat(uuids).hasSize(1);
			assertThat(qtasks(a).get(uuids.iterator().next())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(a.getBean(TaskEngine.class).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
		}));
	}

	@Test
	void missedFiringsOfAStoppedApplicationRunOnceWhenItIsBack() {
		String[] fast = { "qtasks.schedules.misfire-threshold=300ms", "qtasks.schedules.refresh-interval=100ms" };
		Instant[] first = new Instant[1];
		node("A", fast).run((a) -> {
			qtasks(a).schedules().schedule("nightly", "tick").fixedRate(Duration.ofSeconds(2)).add();
			await().atMost(WAIT).until(() -> this.firings.runs("nightly").size() == 1);
			first[0] = this.firings.runs("nightly").get(0).dueAt();
		});
		await().atMost(WAIT).until(() -> Instant.now().isAfter(first[0].plusMillis(4500)));
		node("B", fast).run((b) -> {
			await().atMost(WAIT).until(() -> this.firings.runs("nightly").size() >= 2);
			FiringProbe.Run caughtUp = this.firings.runs("nightly").get(1);
			// two due times were missed (first + 2s, first + 4s): they run once, for the
			// latest
			assertThat(caughtUp.dueAt()).isEqualTo(first[0].plusSeconds(4));
			assertThat(caughtUp.node()).isEqualTo("B");
			assertThat(caughtUp.startedAt()).isBefore(first[0].plusSeconds(6));
		});
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

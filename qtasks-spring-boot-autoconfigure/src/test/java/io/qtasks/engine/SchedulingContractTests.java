package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.CancelOutcome;
import io.qtasks.Misfire;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSchedule;
import io.qtasks.TaskSchedules;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.schedule.FiringIds;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Delayed tasks, unique tasks and recurring schedules, the same on every engine: run
 * against each one by a subclass. Timing claims are measured inside the tasks against the
 * time the test enqueued them, with generous upper bounds.
 *
 * @author QTasks contributors
 */
public abstract class SchedulingContractTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	protected final TaskProbe probe = new TaskProbe();

	protected final FiringProbe firings = new FiringProbe();

	/**
	 * A context runner with the engine under test configured, for one application name.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner engine();

	protected ApplicationContextRunner worker(String... properties) {
		return engine().withBean(TaskProbe.class, () -> this.probe)
			.withBean(FiringProbe.class, () -> this.firings)
			.withBean(EngineTestTasks.class)
			.withBean(SchedulingTestTasks.class)
			.withPropertyValues(properties);
	}

	protected ApplicationContextRunner clientOnly(String... properties) {
		return worker(properties).withPropertyValues("qtasks.worker.enabled=false");
	}

	// Delayed tasks

	@Test
	void aDelayedTaskDoesNotStartBeforeItsDelayAndStartsSoonAfter() {
		worker().run((context) -> {
			Duration delay = Duration.ofMillis(1500);
			Instant enqueuedAt = Instant.now();
			Task queued = qtasks(context).task("stamp").args("delayed").delay(delay).add();
			Task done = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			Instant startedAt = this.firings.runs("delayed").get(0).startedAt();
			assertThat(startedAt).isAfterOrEqualTo(enqueuedAt.plus(delay));
			assertThat(startedAt).isBefore(enqueuedAt.plus(delay).plusSeconds(5));
		});
	}

	@Test
	void aTaskAtAnInstantDoesNotStartBeforeItAndStartsSoonAfter() {
		worker().run((context) -> {
			Instant dueAt = Instant.now().plusMillis(1200);
			Task queued = qtasks(context).task("stamp").args("at").at(dueAt).add();
			assertThat(queued.extra()).containsEntry("dueAt", dueAt.toString());
			assertThat(qtasks(context).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
			Instant startedAt = this.firings.runs("at").get(0).startedAt();
			assertThat(startedAt).isAfterOrEqualTo(dueAt).isBefore(dueAt.plusSeconds(5));
		});
	}

	@Test
	void aDelayedTaskIsStoredAtOnceAsNewWithItsDueTimeAndWaits() {
		clientOnly().run((context) -> {
			Instant before = Instant.now();
			Task queued = qtasks(context).task("echo").args("later").delay(Duration.ofHours(1)).add();
			Task stored = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(stored.status()).isEqualTo(TaskStatus.NEW);
			Instant dueAt = TaskExtras.dueAt(stored);
			assertThat(dueAt).isAfterOrEqualTo(before.plus(Duration.ofHours(1)))
				.isBefore(before.plus(Duration.ofHours(1)).plusSeconds(5));
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
		});
	}

	@Test
	void aDelayedTaskHoldsNoWorkerSlotWhileItWaits() {
		worker("qtasks.worker.concurrency=1").run((context) -> {
			Task later = qtasks(context).task("stamp").args("waits").delay(Duration.ofSeconds(3)).add();
			Task now = qtasks(context).task("stamp").args("runs first").addAndWait(WAIT);
			assertThat(now.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks(context).get(later.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(qtasks(context).waitResult(later.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void aDelayedTaskCancelledBeforeItsTimeNeverRuns() {
		worker().run((context) -> {
			Task queued = qtasks(context).task("stamp").args("cancelled early").delay(Duration.ofMillis(1500)).add();
			assertThat(qtasks(context).cancel(queued.uuid(), "not wanted")).isEqualTo(CancelOutcome.CANCELLED);
			Task cancelled = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("not wanted");
			assertThat(cancelled.extra()).doesNotContainKey("dueAt");
			assertThat(engine(context).stats().waitingCount()).isZero();
			Thread.sleep(2000);
			assertThat(this.firings.runs("cancelled early")).isEmpty();
		});
	}

	@Test
	void priorityOrdersTheDelayedTasksThatAreDue() {
		worker("qtasks.worker.concurrency=1").run((context) -> {
			qtasks(context).addTask("hold", "blocker");
			assertThat(this.probe.awaitStart("blocker", WAIT)).isTrue();
			Instant dueAt = Instant.now().plusMillis(800);
			int[] priorities = { 5, 1, 3, -2 };
			List<UUID> uuids = new ArrayList<>();
			for (int priority : priorities) {
				uuids
					.add(qtasks(context).task("record").args("p" + priority).priority(priority).at(dueAt).add().uuid());
			}
			await().atMost(WAIT)
				.until(() -> engine(context).stats().waitingCount() == 0 && Instant.now().isAfter(dueAt));
			this.probe.open("blocker");
			for (UUID uuid : uuids) {
				assertThat(qtasks(context).waitResult(uuid, WAIT)).isPresent();
			}
			assertThat(this.probe.starts()).extracting(TaskProbe.Start::label)
				.containsExactly("blocker", "p-2", "p1", "p3", "p5");
		});
	}

	@Test
	void addAndWaitWaitsForADelayedTask() {
		worker().run((context) -> {
			Instant before = Instant.now();
			Task done = qtasks(context).task("echo")
				.args("worth the wait")
				.delay(Duration.ofMillis(700))
				.addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("worth the wait");
			assertThat(Instant.now()).isAfterOrEqualTo(before.plusMillis(700));
		});
	}

	// Unique tasks

	@Test
	void twoAddsWithOneUniqueKeyReturnOneTask() {
		clientOnly().run((context) -> {
			Task first = qtasks(context).task("echo").args("first").uniqueKey("sync:42").add();
			Task second = qtasks(context).task("echo").args("second").uniqueKey("sync:42").add();
			assertThat(second.uuid()).isEqualTo(first.uuid());
			assertThat(second.args()).containsExactly("first");
			assertThat(first.extra()).containsEntry("uniqueKey", "sync:42");
			Task other = qtasks(context).task("echo").args("other").uniqueKey("sync:43").add();
			assertThat(other.uuid()).isNotEqualTo(first.uuid());
			assertThat(engine(context).stats().pendingCount()).isEqualTo(2);
		});
	}

	@Test
	void concurrentAddsWithOneUniqueKeyQueueOneTask() throws Exception {
		clientOnly().run((context) -> {
			Set<UUID> uuids = addConcurrently(List.of(qtasks(context)), "concurrent", 16);
			assertThat(uuids).hasSize(1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void aUniqueKeyIsFreeOnceItsTaskHasFinished() {
		worker().run((context) -> {
			Task first = qtasks(context).task("echo").args("once").uniqueKey("report").addAndWait(WAIT);
			assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
			Task second = qtasks(context).task("echo").args("twice").uniqueKey("report").add();
			assertThat(second.uuid()).isNotEqualTo(first.uuid());
			assertThat(qtasks(context).waitResult(second.uuid(), WAIT)).get()
				.extracting(Task::returning)
				.isEqualTo("twice");
		});
	}

	@Test
	void aUniqueKeyIsHeldWhileItsTaskRunsAndFreedByItsFailureOrCancel() {
		worker().run((context) -> {
			Task running = qtasks(context).task("hold").args("unique-running").uniqueKey("busy").add();
			assertThat(this.probe.awaitStart("unique-running", WAIT)).isTrue();
			assertThat(qtasks(context).task("hold").args("again").uniqueKey("busy").add().uuid())
				.isEqualTo(running.uuid());
			this.probe.open("unique-running");
			qtasks(context).waitResult(running.uuid(), WAIT);
			Task failed = qtasks(context).task("fail").args("boom").uniqueKey("failing").addAndWait(WAIT);
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(qtasks(context).task("fail").args("boom").uniqueKey("failing").add().uuid())
				.isNotEqualTo(failed.uuid());
			Task waiting = qtasks(context).task("echo")
				.args("waits")
				.uniqueKey("cancelled")
				.delay(Duration.ofHours(1))
				.add();
			assertThat(qtasks(context).task("echo").uniqueKey("cancelled").add().uuid()).isEqualTo(waiting.uuid());
			qtasks(context).cancel(waiting.uuid(), "free the key");
			assertThat(qtasks(context).task("echo").uniqueKey("cancelled").add().uuid()).isNotEqualTo(waiting.uuid());
		});
	}

	@Test
	void uniqueForKeepsTheKeyTakenForAWhileAfterTheTaskFinished() {
		worker().run((context) -> {
			Task first = qtasks(context).task("echo")
				.args("debounced")
				.uniqueKey("debounce")
				.uniqueFor(Duration.ofSeconds(2))
				.addAndWait(WAIT);
			assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(first.extra()).containsEntry("uniqueFor", "PT2S");
			Task within = qtasks(context).task("echo").args("within").uniqueKey("debounce").add();
			assertThat(within.uuid()).isEqualTo(first.uuid());
			assertThat(within.status()).isEqualTo(TaskStatus.SUCCESS);
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !qtasks(context).task("echo")
					.args("after")
					.uniqueKey("debounce")
					.add()
					.uuid()
					.equals(first.uuid()));
			assertThat(Instant.now()).isAfterOrEqualTo(first.updatedAt().plusSeconds(2));
		});
	}

	@Test
	void uniqueForNeedsAUniqueKey() {
		clientOnly().run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> qtasks(context).task("echo").uniqueFor(Duration.ofSeconds(1)).add())
			.withMessageContaining("uniqueKey"));
	}

	// Schedules

	@Test
	void aCronScheduleFiresEveryDueTimeOnce() {
		worker().withBean(SchedulingTestTasks.EverySecond.class).run((context) -> {
			await().atMost(WAIT).until(() -> this.firings.runs("every_second").size() >= 3);
			List<FiringProbe.Run> runs = this.firings.runs("every_second");
			assertThat(runs).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
			assertThat(runs).allSatisfy((run) -> {
				assertThat(run.schedule()).isEqualTo("every_second");
				assertThat(run.dueAt().getNano()).isZero();
				assertThat(run.uuid()).isEqualTo(FiringIds.of("every_second", run.dueAt()));
				assertThat(run.startedAt()).isAfterOrEqualTo(run.dueAt()).isBefore(run.dueAt().plusSeconds(5));
			});
			Task firing = qtasks(context).waitResult(runs.get(0).uuid(), WAIT).orElseThrow();
			assertThat(firing.args()).containsExactly("cron");
			assertThat(firing.returning()).isEqualTo("cron");
			TaskSchedule schedule = schedules(context).get("every_second").orElseThrow();
			assertThat(schedule.declared()).isTrue();
			assertThat(schedule.cron()).isEqualTo("* * * * * *");
			assertThat(schedule.lastDueAt()).isNotNull();
			assertThat(schedule.lastTaskUuid()).isEqualTo(FiringIds.of("every_second", schedule.lastDueAt()));
			assertThat(schedule.nextDueAt()).isAfter(schedule.lastDueAt());
		});
	}

	@Test
	void aFixedRateScheduleFiresAtOnceThenEveryRate() {
		worker().withBean(SchedulingTestTasks.FixedRate.class).run((context) -> {
			await().atMost(WAIT).until(() -> this.firings.runs("each_second").size() >= 3);
			List<FiringProbe.Run> runs = this.firings.runs("each_second");
			assertThat(runs).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
			for (int i = 1; i < runs.size(); i++) {
				assertThat(Duration.between(runs.get(i - 1).dueAt(), runs.get(i).dueAt()).toMillis() % 1000).isZero();
			}
			assertThat(qtasks(context).waitResult(runs.get(0).uuid(), WAIT)).get()
				.extracting(Task::returning)
				.isEqualTo("rate");
		});
	}

	@Test
	void clientOnlyNodesFireNothing() {
		clientOnly().withBean(SchedulingTestTasks.EverySecond.class).run((context) -> {
			Thread.sleep(2500);
			assertThat(engine(context).stats().countByStatus().values().stream().mapToLong(Long::longValue).sum())
				.isZero();
			assertThat(schedules(context).get("every_second")).get()
				.satisfies((schedule) -> assertThat(schedule.lastDueAt()).isNull());
		});
	}

	@Test
	void aRuntimeScheduleIsAddedListedPausedResumedAndRemoved() {
		worker().run((context) -> {
			TaskSchedules schedules = schedules(context);
			TaskSchedule added = schedules.schedule("ticker", "tick")
				.fixedRate(Duration.ofMillis(500))
				.priority(2)
				.add();
			assertThat(added.declared()).isFalse();
			assertThat(added.fixedRate()).isEqualTo(Duration.ofMillis(500));
			assertThat(added.priority()).isEqualTo(2);
			assertThat(qtasks(context).schedules().list()).extracting(TaskSchedule::name).contains("ticker");
			await().atMost(WAIT).until(() -> this.firings.runs("ticker").size() >= 2);
			Task firing = qtasks(context).waitResult(this.firings.runs("ticker").get(0).uuid(), WAIT).orElseThrow();
			assertThat(firing.priority()).isEqualTo(2);

			assertThat(schedules.pause("ticker")).isTrue();
			assertThat(schedules.get("ticker")).get().extracting(TaskSchedule::paused).isEqualTo(true);
			Thread.sleep(1500);
			int whilePaused = this.firings.runs("ticker").size();
			Thread.sleep(1500);
			assertThat(this.firings.runs("ticker")).hasSize(whilePaused);

			Instant resumedAt = Instant.now();
			assertThat(schedules.resume("ticker")).isTrue();
			await().atMost(WAIT).until(() -> this.firings.runs("ticker").size() > whilePaused);
			// the due times that passed while it was paused are not fired
			assertThat(this.firings.runs("ticker").subList(whilePaused, this.firings.runs("ticker").size()))
				.allSatisfy((run) -> assertThat(run.dueAt()).isAfterOrEqualTo(resumedAt.minusMillis(10)));

			assertThat(schedules.remove("ticker")).isTrue();
			assertThat(schedules.get("ticker")).isEmpty();
			assertThat(schedules.remove("ticker")).isFalse();
			assertThat(schedules.pause("ticker")).isFalse();
			Thread.sleep(1500);
			int afterRemoval = this.firings.runs("ticker").size();
			Thread.sleep(1500);
			assertThat(this.firings.runs("ticker")).hasSize(afterRemoval);
		});
	}

	@Test
	void aRuntimeScheduleOnACronFiresWithItsArguments() {
		worker().run((context) -> {
			schedules(context).schedule("stamps", "stamp").cron("* * * * * *").args("stamped").add();
			await().atMost(WAIT).until(() -> this.firings.runs("stamped").size() >= 2);
			assertThat(this.firings.runs("stamped")).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
			assertThat(schedules(context).get("stamps")).get()
				.satisfies((schedule) -> assertThat(schedule.zone()).isNotNull());
		});
	}

	@Test
	void declaredSchedulesCanBePausedButNotRemoved() {
		worker().withBean(SchedulingTestTasks.EverySecond.class).run((context) -> {
			await().atMost(WAIT).until(() -> this.firings.runs("every_second").size() >= 1);
			assertThat(schedules(context).pause("every_second")).isTrue();
			Thread.sleep(1500);
			int paused = this.firings.runs("every_second").size();
			Thread.sleep(1500);
			assertThat(this.firings.runs("every_second")).hasSize(paused);
			assertThat(catchThrowable(() -> schedules(context).remove("every_second")))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("pause it instead");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> schedules(context).schedule("every_second", "tick").cron("@daily").add());
			assertThat(schedules(context).resume("every_second")).isTrue();
			await().atMost(WAIT).until(() -> this.firings.runs("every_second").size() > paused);
		});
	}

	@Test
	void missedFiringsRunOnceWithRunOnce() {
		missedFirings(Misfire.RUN_ONCE, (first, runs) -> {
			// the firing missed at first + 2s runs as soon as the worker is back
			assertThat(runs.get(1).dueAt()).isEqualTo(first.plusSeconds(2));
			assertThat(runs.get(1).startedAt()).isBefore(first.plusSeconds(4));
		});
	}

	@Test
	void missedFiringsAreSkippedWithSkip() {
		missedFirings(Misfire.SKIP, (first, runs) -> {
			// the firing missed at first + 2s is skipped; the next one is on time
			assertThat(runs.get(1).dueAt()).isEqualTo(first.plusSeconds(4));
			assertThat(runs.get(1).startedAt()).isAfterOrEqualTo(first.plusSeconds(4));
		});
	}

	/**
	 * A fixed rate of 2 seconds: it fires at once, then the worker stops for the second
	 * due time, and starts again 0.8 seconds after it, longer than the misfire threshold.
	 */
	private void missedFirings(Misfire misfire, MissedFiringsCheck check) {
		worker("qtasks.schedules.misfire-threshold=300ms", "qtasks.schedules.refresh-interval=100ms").run((context) -> {
			schedules(context).schedule("missed", "tick").fixedRate(Duration.ofSeconds(2)).misfire(misfire).add();
			await().atMost(WAIT).until(() -> this.firings.runs("missed").size() == 1);
			Instant first = this.firings.runs("missed").get(0).dueAt();
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			worker.stop();
			assertThat(this.firings.runs("missed")).hasSize(1);
			Instant restart = first.plusMillis(2800);
			await().atMost(WAIT).until(() -> Instant.now().isAfter(restart));
			worker.start();
			await().atMost(WAIT).until(() -> this.firings.runs("missed").size() >= 2);
			List<FiringProbe.Run> runs = this.firings.runs("missed");
			check.check(first, runs);
			assertThat(runs).extracting(FiringProbe.Run::dueAt).doesNotHaveDuplicates();
		});
	}

	@Test
	void aDueTimeFiresOnceEvenOnceTheTaskOfItsFiringHasExpired() {
		clientOnly("qtasks.storage.finished-ttl=300ms").run((context) -> {
			TaskEngine engine = engine(context);
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			engine.schedules().store().declare("once", now);
			Instant dueAt = now.plusSeconds(1);
			assertThat(engine.schedules().fire("once", dueAt, firing("once", dueAt))).isEqualTo(ScheduleFiring.FIRED);
			assertThat(engine.schedules().fire("once", dueAt, firing("once", dueAt)))
				.isEqualTo(ScheduleFiring.ALREADY_FIRED);
			UUID uuid = FiringIds.of("once", dueAt);
			assertThat(qtasks(context).cancel(uuid, "ended")).isEqualTo(CancelOutcome.CANCELLED);
			await().atMost(WAIT).until(() -> qtasks(context).get(uuid).isEmpty());
			assertThat(engine.schedules().fire("once", dueAt, firing("once", dueAt)))
				.isEqualTo(ScheduleFiring.ALREADY_FIRED);
			assertThat(engine.schedules().fire("once", dueAt.minusSeconds(1), firing("once", dueAt.minusSeconds(1))))
				.isEqualTo(ScheduleFiring.ALREADY_FIRED);
			assertThat(qtasks(context).get(uuid)).isEmpty();
			assertThat(engine.schedules().fire("once", dueAt.plusSeconds(1), firing("once", dueAt.plusSeconds(1))))
				.isEqualTo(ScheduleFiring.FIRED);
			assertThat(engine.schedules().store().find("once")).get()
				.satisfies((stored) -> assertThat(stored.lastDueAt()).isEqualTo(dueAt.plusSeconds(1)));
			assertThat(engine.schedules().store().setPaused("once", true, now)).isTrue();
			assertThat(engine.schedules().fire("once", dueAt.plusSeconds(2), firing("once", dueAt.plusSeconds(2))))
				.isEqualTo(ScheduleFiring.PAUSED);
			assertThat(engine.schedules().store().remove("once")).isTrue();
			assertThat(engine.schedules().fire("once", dueAt.plusSeconds(3), firing("once", dueAt.plusSeconds(3))))
				.isEqualTo(ScheduleFiring.NOT_FOUND);
			assertThat(engine.stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
		});
	}

	private static Task firing(String schedule, Instant dueAt) {
		Instant now = Instant.now();
		return Task.builder(FiringIds.of(schedule, dueAt), "echo").createdAt(now).updatedAt(now).build();
	}

	@Test
	void aScheduleNeedsACronOrAFixedRateAndAValidCron() {
		clientOnly().run((context) -> {
			TaskSchedules schedules = schedules(context);
			assertThatIllegalArgumentException().isThrownBy(() -> schedules.schedule("none", "tick").add());
			assertThatIllegalArgumentException().isThrownBy(
					() -> schedules.schedule("both", "tick").cron("@daily").fixedRate(Duration.ofSeconds(1)).add());
			assertThatIllegalArgumentException()
				.isThrownBy(() -> schedules.schedule("bad", "tick").cron("every day at noon").add());
			assertThat(schedules.list()).isEmpty();
		});
	}

	@FunctionalInterface
	interface MissedFiringsCheck {

		void check(Instant first, List<FiringProbe.Run> runs);

	}

	/**
	 * Adds tasks with one unique key from many threads at once, spread over clients.
	 * @param clients the clients (of one node or several)
	 * @param key the key
	 * @param threads how many threads add
	 * @return the uuids the adds returned
	 * @throws Exception when an add fails
	 */
	public static Set<UUID> addConcurrently(List<QTasks> clients, String key, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<UUID>> added = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				QTasks client = clients.get(i % clients.size());
				int number = i;
				Callable<UUID> add = () -> {
					start.await();
					return client.task("echo").args("add " + number).uniqueKey(key).add().uuid();
				};
				added.add(pool.submit(add));
			}
			start.countDown();
			Set<UUID> uuids = new HashSet<>();
			for (Future<UUID> future : added) {
				uuids.add(future.get());
			}
			return uuids;
		}
		finally {
			pool.shutdownNow();
		}
	}

	protected static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	protected static TaskSchedules schedules(AssertableApplicationContext context) {
		return context.getBean(TaskSchedules.class);
	}

	protected static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

}

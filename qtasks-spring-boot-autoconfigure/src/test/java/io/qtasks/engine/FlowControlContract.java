package io.qtasks.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flow control every engine enforces as it hands tasks out: caps and rates per task
 * name and limit key, named queues and their shares, and the requeue of dead letters. Run
 * against each engine as a nested class of {@link TaskEngineContractTests}; the worker is
 * off, so the tests claim themselves.
 *
 * @author QTasks contributors
 */
public abstract class FlowControlContract {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Map<String, TaskLimits> CAP_OF_TWO = Map.of("capped", new TaskLimits(2, null));

	/**
	 * A runner of a client with the worker off.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner clientOnly();

	@Test
	void aTaskAtItsCapIsPassedOverAndTheTasksBehindItAreHandedOut() {
		clientOnly().run((context) -> {
			List<UUID> capped = add(context, "capped", 4);
			List<UUID> free = add(context, "echo", 2);
			List<TaskDelivery> first = claim(context, new ClaimRequest(10, null, Duration.ZERO).withLimits(CAP_OF_TWO));
			assertThat(uuids(first)).containsExactly(capped.get(0), capped.get(1), free.get(0), free.get(1));
			assertThat(claim(context, new ClaimRequest(10, null, Duration.ZERO).withLimits(CAP_OF_TWO))).isEmpty();
			assertThat(engine(context).stats().pendingCount()).isEqualTo(2);
			complete(context, first.get(0));
			assertThat(uuids(claim(context, new ClaimRequest(10, null, WAIT).withLimits(CAP_OF_TWO))))
				.containsExactly(capped.get(2));
		});
	}

	@Test
	void everyEndOfAClaimCountsItOffItsCap() {
		clientOnly().run((context) -> {
			List<UUID> capped = add(context, "capped", 3);
			Map<String, TaskLimits> capOfOne = Map.of("capped", new TaskLimits(1, null));
			TaskDelivery first = claim(context, new ClaimRequest(5, null, Duration.ZERO).withLimits(capOfOne)).get(0);
			// a hand-back ends the claim too: the task is handed out again, in its place
			assertThat(first.release(first.task(), null).written()).isTrue();
			TaskDelivery again = claim(context, new ClaimRequest(5, null, WAIT).withLimits(capOfOne)).get(0);
			assertThat(again.uuid()).isEqualTo(capped.get(0));
			Task failed = engine(context).transitions()
				.failed(engine(context).transitions().started(again.task(), false), "no luck");
			assertThat(again.complete(failed).written()).isTrue();
			assertThat(uuids(claim(context, new ClaimRequest(5, null, WAIT).withLimits(capOfOne))))
				.containsExactly(capped.get(1));
		});
	}

	@Test
	void aCapWithLimitKeysHoldsPerKey() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID first = qtasks.task("capped").limitKey("tenant-a").add().uuid();
			UUID second = qtasks.task("capped").limitKey("tenant-a").add().uuid();
			UUID other = qtasks.task("capped").limitKey("tenant-b").add().uuid();
			UUID unkeyed = qtasks.task("capped").add().uuid();
			Map<String, TaskLimits> capOfOne = Map.of("capped", new TaskLimits(1, null));
			List<TaskDelivery> claimed = claim(context, new ClaimRequest(10, null, Duration.ZERO).withLimits(capOfOne));
			assertThat(uuids(claimed)).containsExactly(first, other, unkeyed);
			FlowStats stats = engine(context).stats().flowStats(capOfOne);
			assertThat(stats.lanes()).containsExactly(new FlowStats.Lane("default", "capped", "tenant-a", 1, true));
			assertThat(stats.runningByTask()).containsEntry("capped", 3L);
			complete(context, claimed.get(0));
			assertThat(uuids(claim(context, new ClaimRequest(10, null, WAIT).withLimits(capOfOne))))
				.containsExactly(second);
		});
	}

	@Test
	void aRateLimitHandsOutNoMoreStartsThanItAllowsPerWindow() {
		clientOnly().run((context) -> {
			List<UUID> rated = add(context, "rated", 5);
			UUID free = add(context, "echo", 1).get(0);
			Map<String, TaskLimits> twoPerSecond = Map.of("rated",
					new TaskLimits(0, new RateLimit(2, Duration.ofSeconds(1))));
			long start = System.nanoTime();
			assertThat(uuids(claim(context, new ClaimRequest(10, null, Duration.ZERO).withLimits(twoPerSecond))))
				.containsExactly(rated.get(0), rated.get(1), free);
			List<UUID> next = uuids(claim(context, new ClaimRequest(10, null, WAIT).withLimits(twoPerSecond)));
			long waited = System.nanoTime() - start;
			// the claim waited in the engine for the window to free up, then took the
			// next two
			assertThat(next).containsExactly(rated.get(2), rated.get(3));
			assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(engine(context).stats().flowStats(twoPerSecond).lanes())
				.containsExactly(new FlowStats.Lane("default", "rated", null, 1, true));
		});
	}

	@Test
	void aClaimTakesOnlyFromItsQueuesAndWithinEachQueuesShare() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<UUID> reports = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				reports.add(qtasks.task("echo").args("report " + i).queue("reports").add().uuid());
			}
			UUID email = qtasks.task("echo").args("email").queue("emails").add().uuid();
			UUID plain = qtasks.addTask("echo", "default").uuid();
			assertThat(uuids(
					claim(context, new ClaimRequest(10, null, Duration.ZERO).withQueues(Set.of("emails"), Map.of()))))
				.containsExactly(email);
			assertThat(uuids(
					claim(context, new ClaimRequest(10, null, Duration.ZERO).withQueues(null, Map.of("reports", 2)))))
				.containsExactly(reports.get(0), reports.get(1), plain);
			FlowStats stats = engine(context).stats().flowStats(Map.of());
			assertThat(stats.lanes()).containsExactly(new FlowStats.Lane("reports", "echo", null, 1, false));
			assertThat(stats.runningByQueue()).containsEntry("reports", 2L)
				.containsEntry("emails", 1L)
				.containsEntry("default", 1L);
			assertThat(engine(context).stats().pendingCountByTaskName()).containsEntry("echo", 1L);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void aBatchKeepsTheQueueAndLimitKeyOfEachTask() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> added = qtasks.addAll(List.of(qtasks.task("capped").args("a1").queue("reports").limitKey("a"),
					qtasks.task("capped").args("a2").queue("reports").limitKey("a"),
					qtasks.task("capped").args("b1").queue("reports").limitKey("b"),
					qtasks.task("echo").args("plain")));
			Map<String, TaskLimits> capOfOne = Map.of("capped", new TaskLimits(1, null));
			assertThat(uuids(
					claim(context, new ClaimRequest(10, null, Duration.ZERO).withQueues(Set.of("reports"), Map.of())
						.withLimits(capOfOne))))
				.containsExactly(added.get(0).uuid(), added.get(2).uuid());
			assertThat(engine(context).stats().flowStats(capOfOne).lanes()).contains(
					new FlowStats.Lane("reports", "capped", "a", 1, true),
					new FlowStats.Lane("default", "echo", null, 1, false));
		});
	}

	@Test
	void aBatchMixingQueuesLimitKeysDelaysAndARepeatedUuidPutsEachTaskInItsLane() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID repeated = UUID.randomUUID();
			List<Task> added = qtasks
				.addAll(List.of(qtasks.task("capped").args("a1").queue("reports").limitKey("a").priority(2),
						qtasks.task("echo").args("r1").queue("reports").uuid(repeated),
						qtasks.task("echo").args("later").queue("reports").delay(Duration.ofHours(1)),
						qtasks.task("echo").args("again").uuid(repeated),
						qtasks.task("capped").args("a0").queue("reports").limitKey("a").priority(1),
						qtasks.task("echo").args("keyed").limitKey("b"), qtasks.task("echo").args("plain")));
			// the second task of a uuid is not stored: its answer is the first one's
			// record
			assertThat(added.get(3)).isEqualTo(added.get(1));
			assertThat(qtasks.get(repeated).orElseThrow().args()).containsExactly("r1");
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 6L);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(5);
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			Map<String, TaskLimits> capOfOne = Map.of("capped", new TaskLimits(1, null));
			assertThat(uuids(
					claim(context, new ClaimRequest(10, null, Duration.ZERO).withQueues(Set.of("reports"), Map.of())
						.withLimits(capOfOne))))
				.containsExactlyInAnyOrder(repeated, added.get(4).uuid());
			assertThat(engine(context).stats().flowStats(capOfOne).lanes())
				.contains(new FlowStats.Lane("reports", "capped", "a", 1, true));
			assertThat(uuids(
					claim(context, new ClaimRequest(10, null, Duration.ZERO).withQueues(Set.of("default"), Map.of()))))
				.containsExactlyInAnyOrder(added.get(5).uuid(), added.get(6).uuid());
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(qtasks.get(added.get(2).uuid()).orElseThrow().status()).isEqualTo(TaskStatus.NEW);
		});
	}

	@Test
	void priorityAndArrivalOrderHoldWithinAQueue() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID late = qtasks.task("echo").queue("reports").priority(5).add().uuid();
			UUID first = qtasks.task("echo").queue("reports").priority(1).add().uuid();
			UUID second = qtasks.task("echo").queue("reports").priority(1).add().uuid();
			List<UUID> claimed = new ArrayList<>();
			while (claimed.size() < 3) {
				claimed.addAll(
						uuids(claim(context, new ClaimRequest(1, null, WAIT).withQueues(Set.of("reports"), Map.of()))));
			}
			assertThat(claimed).containsExactly(first, second, late);
		});
	}

	@Test
	void requeueAllQueuesExactlyTheMatchingDeadLetters() {
		clientOnly().run((context) -> {
			List<UUID> failed = add(context, "fail", 3);
			UUID otherFailed = add(context, "echo", 1).get(0);
			for (TaskDelivery delivery : claim(context, new ClaimRequest(10, null, WAIT))) {
				Task started = engine(context).transitions().started(delivery.task(), false);
				assertThat(delivery.complete(engine(context).transitions().failed(started, "broken")).written())
					.isTrue();
			}
			assertThat(engine(context).requeues().requeueAll(TaskStatus.ERROR, "fail")).isEqualTo(3);
			for (UUID uuid : failed) {
				assertThat(engine(context).find(uuid)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			}
			assertThat(engine(context).find(otherFailed)).get().extracting(Task::status).isEqualTo(TaskStatus.ERROR);
			assertThat(engine(context).requeues().requeueAll(TaskStatus.ERROR, "fail")).isZero();
			assertThat(engine(context).stats().pendingCount()).isEqualTo(3);
		});
	}

	private static List<UUID> add(AssertableApplicationContext context, String taskName, int count) {
		List<UUID> uuids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			uuids.add(qtasks(context).addTask(taskName, taskName + " " + i).uuid());
		}
		return uuids;
	}

	private static void complete(AssertableApplicationContext context, TaskDelivery delivery) {
		TaskTransitions transitions = engine(context).transitions();
		Task done = transitions.succeeded(transitions.started(delivery.task(), false), "done");
		assertThat(delivery.complete(done).written()).isTrue();
	}

	private static List<TaskDelivery> claim(AssertableApplicationContext context, ClaimRequest request)
			throws InterruptedException {
		return engine(context).claim(request);
	}

	private static List<UUID> uuids(List<TaskDelivery> deliveries) {
		return deliveries.stream().map(TaskDelivery::uuid).toList();
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	private static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

}

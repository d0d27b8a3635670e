package io.qtasks.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control end to end, through the public API with running workers: run against each
 * engine by a subclass, on as many nodes as the engine can share (one in memory, two on
 * Redis).
 *
 * @author QTasks contributors
 */
public abstract class FlowControlScenarios {

	protected static final Duration WAIT = Duration.ofSeconds(40);

	/**
	 * Nodes of one application with the flow test tasks, each with these properties.
	 */
	protected abstract void withNodes(String[] properties, Nodes body);

	/**
	 * The recorder the nodes' tasks report to.
	 */
	protected abstract FlowRecorder recorder();

	/**
	 * Properties that make records that succeeded expire within a second or so, and be
	 * forgotten promptly.
	 */
	protected abstract String[] shortFinishedTtl();

	@Test
	void aCapOfTwoIsNeverExceededWhileOtherTasksFlowPastTheWaitingOnes() {
		withNodes(new String[] { "qtasks.worker.concurrency=4" }, (nodes) -> {
			QTasks qtasks = qtasks(nodes.get(0));
			List<UUID> capped = add(qtasks, "capped", "capped-", 10);
			List<UUID> uncapped = add(qtasks, "uncapped", "uncapped-", 20);
			awaitAll(qtasks, uncapped, TaskStatus.SUCCESS);
			// 10 runs of 300ms, 2 at a time, take 1.5 s at least: the others did not wait
			assertThat(capped.stream().filter((uuid) -> status(qtasks, uuid) == TaskStatus.SUCCESS).count())
				.isLessThan(capped.size());
			awaitAll(qtasks, capped, TaskStatus.SUCCESS);
			assertThat(recorder().highestCapped()).isBetween(1L, 2L);
		});
	}

	@Test
	void startsOfARatedTaskStayWithinFiveASecond() {
		withNodes(new String[] { "qtasks.worker.concurrency=4" }, (nodes) -> {
			QTasks qtasks = qtasks(nodes.get(0));
			List<UUID> rated = add(qtasks, "rated", "rated-", 15);
			awaitAll(qtasks, rated, TaskStatus.SUCCESS);
			List<Instant> starts = recorder().starts().stream().sorted().toList();
			assertThat(starts).hasSize(15);
			// at most 5 starts in any second, by the engine's clock at the claim; the
			// instants recorded here lag it by the time a worker thread takes to start
			// the
			// method, which on a loaded machine reaches a few hundred ms, hence the
			// margin
			for (int i = 0; i + 5 < starts.size(); i++) {
				assertThat(Duration.between(starts.get(i), starts.get(i + 5))).isGreaterThan(Duration.ofMillis(600));
			}
			assertThat(Duration.between(starts.get(0), starts.get(14))).isGreaterThan(Duration.ofMillis(1800));
		});
	}

	@Test
	void aCapPerLimitKeyLetsAnotherKeyRunWhileTheFirstIsSaturated() {
		withNodes(new String[] { "qtasks.worker.concurrency=4" }, (nodes) -> {
			QTasks qtasks = qtasks(nodes.get(0));
			UUID a1 = qtasks.task("per_tenant").args("a1").limitKey("tenant-a").add().uuid();
			UUID a2 = qtasks.task("per_tenant").args("a2").limitKey("tenant-a").add().uuid();
			UUID b1 = qtasks.task("per_tenant").args("b1").limitKey("tenant-b").add().uuid();
			await().atMost(WAIT).until(() -> recorder().hasRun("a1") && recorder().hasRun("b1"));
			assertThat(recorder().hasRun("a2")).isFalse();
			assertThat(status(qtasks, a2)).isEqualTo(TaskStatus.NEW);
			recorder().open("a1");
			await().atMost(WAIT).until(() -> recorder().hasRun("a2"));
			recorder().open("a2");
			recorder().open("b1");
			awaitAll(qtasks, List.of(a1, a2, b1), TaskStatus.SUCCESS);
		});
	}

	@Test
	void aQueueWithAConcurrencyRunsNoMoreOfItsTasksAtOnceOnANode() {
		withNodes(new String[] { "qtasks.worker.concurrency=4", "qtasks.worker.queue-concurrency.reports=1" },
				(nodes) -> {
					QTasks qtasks = qtasks(nodes.get(0));
					List<UUID> reports = add(qtasks, "report", "r", 4);
					List<UUID> emails = add(qtasks, "email", "e", 10);
					awaitAll(qtasks, emails, TaskStatus.SUCCESS);
					await().atMost(WAIT)
						.until(() -> recorder().runs().stream().filter((run) -> run.label().startsWith("r")).count(),
								(count) -> count == nodes.size());
					for (int i = 0; i < 4; i++) {
						recorder().open("r" + i);
					}
					awaitAll(qtasks, reports, TaskStatus.SUCCESS);
					for (AssertableApplicationContext node : nodes) {
						String name = node.getEnvironment().getProperty("test.node");
						assertThat(recorder().highestHeld("report@" + name)).isLessThanOrEqualTo(1);
					}
				});
	}

	@Test
	void deadLettersOutliveSuccesses() {
		String[] properties = new String[shortFinishedTtl().length + 1];
		System.arraycopy(shortFinishedTtl(), 0, properties, 0, shortFinishedTtl().length);
		properties[properties.length - 1] = "qtasks.storage.failed-ttl=1h";
		withNodes(properties, (nodes) -> {
			QTasks qtasks = qtasks(nodes.get(0));
			Task failed = qtasks.task("broken").args("dead").addAndWait(WAIT);
			Task succeeded = qtasks.task("uncapped").args("alive").addAndWait(WAIT);
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(succeeded.status()).isEqualTo(TaskStatus.SUCCESS);
			await().atMost(WAIT).until(() -> qtasks.get(succeeded.uuid()).isEmpty());
			assertThat(qtasks.get(failed.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.ERROR);
		});
	}

	protected static List<UUID> add(QTasks qtasks, String taskName, String labelPrefix, int count) {
		List<UUID> uuids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			uuids.add(qtasks.addTask(taskName, labelPrefix + i).uuid());
		}
		return uuids;
	}

	protected static void awaitAll(QTasks qtasks, List<UUID> uuids, TaskStatus status) {
		for (UUID uuid : uuids) {
			assertThat(qtasks.waitResult(uuid, WAIT)).get().extracting(Task::status).isEqualTo(status);
		}
	}

	protected static TaskStatus status(QTasks qtasks, UUID uuid) {
		return qtasks.get(uuid).map(Task::status).orElseThrow();
	}

	protected static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	/**
	 * The body of a test, given the started nodes.
	 */
	@FunctionalInterface
	protected interface Nodes {

		void run(List<AssertableApplicationContext> nodes) throws Exception;

	}

}

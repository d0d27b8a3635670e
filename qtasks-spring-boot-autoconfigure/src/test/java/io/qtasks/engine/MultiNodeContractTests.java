package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.worker.QTasksWorker;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several nodes of one application sharing an engine: each node is an application context
 * of its own, as it would be a JVM of its own. Run against each shared engine by a
 * subclass.
 *
 * @author QTasks contributors
 */
public abstract class MultiNodeContractTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final TaskProbe probe = new TaskProbe();

	/**
	 * A runner for one node of the application under test, without tasks.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner application();

	/**
	 * Properties that make leases run out within about a second and get reaped promptly.
	 * @return the properties
	 */
	protected abstract String[] fastLeases();

	/**
	 * Cuts a node off its engine's store, as a node that died mid-task would be: no
	 * heartbeat, no hand-back, no drain.
	 * @param node the node's context
	 */
	protected abstract void cutOff(AssertableApplicationContext node);

	private ApplicationContextRunner node(String node, String... properties) {
		return application().withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("test.node=" + node)
			.withPropertyValues(properties);
	}

	private ApplicationContextRunner client() {
		return node("client", "qtasks.worker.enabled=false");
	}

	@Test
	void lowerPriorityRunsFirstAcrossNodes() {
		node("A", "qtasks.worker.concurrency=1").run((a) -> node("B", "qtasks.worker.concurrency=1").run((b) -> {
			// keep both nodes busy so that the queue fills up behind them
			qtasks(a).addTask("hold", "busy-1");
			qtasks(a).addTask("hold", "busy-2");
			assertThat(this.probe.awaitStart("busy-1", WAIT)).isTrue();
			assertThat(this.probe.awaitStart("busy-2", WAIT)).isTrue();
			int[] priorities = { 5, 3, 9, 1, 5, 3, 9, 1, 0, 7, 0, 7 };
			List<Queued> queued = new ArrayList<>();
			for (int i = 0; i < priorities.length; i++) {
				String label = "p" + priorities[i] + "-" + i;
				Task task = qtasks(i % 2 == 0 ? a : b).task("hold").args(label).priority(priorities[i]).add();
				queued.add(new Queued(label, priorities[i], i, task.uuid()));
			}
			List<String> ranked = queued.stream()
				.sorted(Comparator.comparingInt(Queued::priority).thenComparingInt(Queued::order))
				.map(Queued::label)
				.toList();
			this.probe.open("busy-1");
			this.probe.open("busy-2");
			// each node has one slot: whenever one task is let go, its node claims
			// exactly
			// the best task still queued, whichever node enqueued it
			for (int done = 0; done < ranked.size(); done++) {
				List<String> expected = ranked.subList(0, Math.min(done + 2, ranked.size()));
				await().atMost(WAIT).untilAsserted(() -> assertThat(startedOf(ranked)).hasSameSizeAs(expected));
				assertThat(startedOf(ranked)).containsExactlyInAnyOrderElementsOf(expected);
				this.probe.open(ranked.get(done));
			}
			for (Queued task : queued) {
				assertThat(qtasks(a).waitResult(task.uuid(), WAIT)).get()
					.extracting(Task::status)
					.isEqualTo(TaskStatus.SUCCESS);
			}
		}));
	}

	@Test
	void aWaitingTaskOutlivesTheNodeThatReleasedIt() {
		AtomicReference<UUID> uuid = new AtomicReference<>();
		client().run((client) -> {
			TaskEngine engine = client.getBean(TaskEngine.class);
			uuid.set(qtasks(client).addTask("echo", "outlives its node").uuid());
			TaskDelivery delivery = engine.claim(ClaimRequest.anyTask(1, WAIT)).get(0);
			Task started = engine.transitions().started(delivery.task(), false);
			delivery.write(started);
			Instant due = Instant.now().plusSeconds(1);
			delivery.release(engine.transitions().retrying(started, new IllegalStateException("later"), due), due);
		});
		node("B").run((b) -> {
			Task done = qtasks(b).waitResult(uuid.get(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("outlives its node");
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.extra()).containsEntry("retried", 1).containsEntry("deliveries", 2);
		});
	}

	@Test
	void twoNodesShareTheWork() {
		String[] twoSlots = { "qtasks.worker.concurrency=2" };
		node("A", twoSlots).run((a) -> node("B", twoSlots).run((b) -> {
			// four tasks must run at once to pass the barrier: two on each node
			this.probe.useBarrier(4);
			List<UUID> tasks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				tasks.add(qtasks(a).addTask("meet", "meet-" + i).uuid());
			}
			Map<Object, Long> perNode = tasks.stream()
				.map((uuid) -> qtasks(b).waitResult(uuid, WAIT).orElseThrow())
				.peek((task) -> assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS))
				.collect(Collectors.groupingBy(Task::returning, Collectors.counting()));
			assertThat(perNode).containsOnly(Map.entry("A", 4L), Map.entry("B", 4L));
		}));
	}

	@Test
	void resultsArePushedToWaitersOnOtherNodes() {
		client().run((client) -> node("B").run((b) -> {
			Task done = qtasks(client).task("record").args("pushed").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("B");
			Task queued = qtasks(client).addTask("echo", "waited for");
			assertThat(qtasks(client).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::returning)
				.isEqualTo("waited for");
		}));
	}

	@Test
	void cancelReachesATaskRunningOnAnotherNode() {
		client().run((client) -> node("B").run((b) -> {
			Task queued = qtasks(client).addTask("sleep", "far away");
			assertThat(this.probe.awaitStart("far away", WAIT)).isTrue();
			assertThat(qtasks(client).cancel(queued.uuid(), "no longer wanted"))
				.isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task cancelled = qtasks(client).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("no longer wanted");
		}));
	}

	@Test
	void theTaskOfANodeThatDiedRunsOnAnotherNodeAfterItsLease() {
		node("A", fastLeases()).run((a) -> {
			Task queued = qtasks(a).addTask("hold", "orphan");
			assertThat(this.probe.awaitStart("orphan", WAIT)).isTrue();
			cutOff(a);
			node("B", fastLeases()).run((b) -> {
				Task done = qtasks(b).waitResult(queued.uuid(), WAIT).orElseThrow();
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).isEqualTo("B");
				assertThat(this.probe.runs("orphan")).isEqualTo(2);
				// the record shows that the task was delivered twice
				assertThat(done.extra()).containsEntry("deliveries", 2);
				assertThat(done.attempt()).isEqualTo(2);
				// the dead node also drops out of the registry
				String idOfB = b.getBean(QTasksWorker.class).getId();
				await().atMost(WAIT)
					.untilAsserted(
							() -> assertThat(b.getBean(WorkerNodeRegistry.class).liveNodes()).extracting(WorkerNode::id)
								.containsExactly(idOfB));
				this.probe.open("orphan");
			});
		});
	}

	@Test
	void aTaskOfANewKindWaitsForANodeThatKnowsIt() {
		// node A is the old release: it knows the engine test tasks, not "report"
		node("A").run((a) -> {
			Task newKind = qtasks(a).task("report").args("q4").add();
			Task known = qtasks(a).task("record").args("meanwhile").addAndWait(WAIT);
			assertThat(known.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks(a).get(newKind.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(a.getBean(TaskEngine.class).stats().pendingCountByTaskName()).containsEntry("report", 1L);
			// node B is the new release
			node("B").withBean(NewRelease.class).run((b) -> {
				Task done = qtasks(a).waitResult(newKind.uuid(), WAIT).orElseThrow();
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).isEqualTo("report q4 by B");
				assertThat(done.attempt()).isEqualTo(1);
				assertThat(done.extra()).doesNotContainKey("deliveries");
			});
		});
	}

	@Test
	void aTaskThatNoLiveNodeRunsEndsAsErrorAfterTheTimeout() {
		node("A", "qtasks.worker.unknown-task-timeout=1s").run((a) -> {
			Task orphan = qtasks(a).task("nobody runs this").add();
			Task failed = qtasks(a).waitResult(orphan.uuid(), WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).startsWith("Unknown task 'nobody runs this': no live node runs a @QTask of")
				.containsPattern("the live nodes run \\[describe, echo, fail, .*sleep\\]");
			assertThat(failed.attempt()).isZero();
		});
	}

	@Test
	void aWorkerWithoutTasksClaimsNothing() {
		application().run((empty) -> {
			assertThat(empty.getBean(QTasksWorker.class).isRunning()).isTrue();
			Task queued = qtasks(empty).task("echo").args("not for this node").add();
			node("A").run((a) -> assertThat(qtasks(a).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::returning)
				.isEqualTo("not for this node"));
		});
	}

	@Test
	void everyNodeSeesTheLiveNodes() {
		node("A").run((a) -> {
			WorkerNodeRegistry registry = a.getBean(WorkerNodeRegistry.class);
			String idOfA = a.getBean(QTasksWorker.class).getId();
			node("B", "qtasks.worker.concurrency=4").run((b) -> {
				String idOfB = b.getBean(QTasksWorker.class).getId();
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(registry.liveNodes()).extracting(WorkerNode::id)
						.containsExactlyInAnyOrder(idOfA, idOfB));
				assertThat(b.getBean(WorkerNodeRegistry.class).liveNodes())
					.filteredOn((node) -> node.id().equals(idOfB))
					.singleElement()
					.satisfies((node) -> assertThat(node.concurrency()).isEqualTo(4));
			});
			assertThat(registry.liveNodes()).extracting(WorkerNode::id).containsExactly(idOfA);
		});
	}

	private List<String> startedOf(List<String> labels) {
		return this.probe.starts().stream().map(TaskProbe.Start::label).filter(labels::contains).toList();
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	private record Queued(String label, int priority, int order, UUID uuid) {

	}

	/**
	 * A task that only the new release of the application has.
	 */
	public static class NewRelease {

		private final String node;

		public NewRelease(org.springframework.core.env.Environment environment) {
			this.node = environment.getProperty("test.node");
		}

		@QTask(name = "report")
		public String report(String quarter) {
			return "report " + quarter + " by " + this.node;
		}

	}

}

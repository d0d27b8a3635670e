package io.qtasks.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.ChordFailure;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Batch enqueue and workflows (chains, groups, chords, nested), the same on every engine:
 * run against each one by a subclass.
 *
 * @author QTasks contributors
 */
public abstract class WorkflowContractTests {

	protected static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * A context runner with the engine under test configured, for one application name.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner engine();

	protected ApplicationContextRunner worker(String... properties) {
		return engine().withBean(WorkflowTestTasks.class).withPropertyValues(properties);
	}

	protected ApplicationContextRunner clientOnly(String... properties) {
		return worker(properties).withPropertyValues("qtasks.worker.enabled=false");
	}

	@Test
	void addAllStoresEveryTaskInOrderAndAnswersTheirRecords() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<TaskRequest> requests = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				requests.add(qtasks.task("num").args(i));
			}
			List<Task> records = qtasks.addAll(requests);
			assertThat(records).hasSize(50);
			for (int i = 0; i < 50; i++) {
				Task record = records.get(i);
				assertThat(record.status()).isEqualTo(TaskStatus.NEW);
				assertThat(record.args()).containsExactly(i);
				assertThat(qtasks.get(record.uuid())).contains(record);
			}
			assertThat(engine(context).stats().pendingCount()).isEqualTo(50);
			List<UUID> claimed = new ArrayList<>();
			while (claimed.size() < 50) {
				engine(context).claim(ClaimRequest.anyTask(10, WAIT))
					.forEach((delivery) -> claimed.add(delivery.uuid()));
			}
			assertThat(claimed).containsExactlyElementsOf(records.stream().map(Task::uuid).toList());
		});
	}

	@Test
	void addAllAnswersTheStoredRecordForAUuidThatExists() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID uuid = UUID.randomUUID();
			Task first = qtasks.task("num").args(1).uuid(uuid).add();
			List<Task> records = qtasks
				.addAll(List.of(qtasks.task("num").args(2), qtasks.task("num").args(3).uuid(uuid)));
			assertThat(records.get(1)).isEqualTo(first);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(2);
		});
	}

	@Test
	void addAllRefusesWorkflowSteps() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> qtasks.addAll(List.of(qtasks.groupOf(qtasks.task("num").args(1)))))
				.withMessageContaining("workflow step");
		});
	}

	@Test
	void aChainPassesEachResultToTheNextStep() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").args(3),
					qtasks.task("mul").args(4));
			assertThat(steps).hasSize(3);
			assertThat(steps).extracting(Task::status).containsOnly(TaskStatus.NEW);
			Task last = qtasks.waitResult(steps.get(2).uuid(), WAIT).orElseThrow();
			assertThat(last.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(last.returning()).isEqualTo(20);
			assertThat(last.args()).containsExactly(4, 5);
			Task middle = qtasks.get(steps.get(1).uuid()).orElseThrow();
			assertThat(middle.returning()).isEqualTo(5);
			WorkflowLinks links = WorkflowLinks.of(middle).orElseThrow();
			assertThat(links.kind()).isEqualTo("chain");
			assertThat(links.step()).isEqualTo(2);
			assertThat(links.steps()).containsExactlyElementsOf(steps.stream().map(Task::uuid).toList());
			assertThat(links.after()).containsExactly(steps.get(0).uuid());
			assertThat(links.then()).containsExactly(steps.get(2).uuid());
			assertThat(links.held()).isFalse();
		});
	}

	@Test
	void laterStepsWaitHeldUntilTheirTurn() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").args(3));
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			Task held = qtasks.get(steps.get(1).uuid()).orElseThrow();
			assertThat(held.status()).isEqualTo(TaskStatus.NEW);
			assertThat(WorkflowLinks.of(held).orElseThrow().held()).isTrue();
		});
	}

	@Test
	void aFailingStepStopsTheChainAndTheLaterStepsSayWhy() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(2), qtasks.task("boom"), qtasks.task("mul").args(4),
					qtasks.task("add").args(1));
			Task last = qtasks.waitResult(steps.get(3).uuid(), WAIT).orElseThrow();
			assertThat(qtasks.get(steps.get(1).uuid()).orElseThrow().status()).isEqualTo(TaskStatus.ERROR);
			for (Task step : List.of(steps.get(2), last)) {
				Task stopped = qtasks.get(step.uuid()).orElseThrow();
				assertThat(stopped.status()).isEqualTo(TaskStatus.CANCEL);
				assertThat(stopped.cancelReason()).contains("Step 2 of workflow")
					.contains(steps.get(1).uuid().toString())
					.contains("boom")
					.contains("ended error");
			}
		});
	}

	@Test
	void aGroupRunsEveryMember() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> members = qtasks.group(qtasks.task("num").args(1), qtasks.task("add").args(2, 3),
					qtasks.task("mul").args(4, 5));
			List<Object> results = new ArrayList<>();
			for (Task member : members) {
				Task done = qtasks.waitResult(member.uuid(), WAIT).orElseThrow();
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				results.add(done.returning());
				assertThat(WorkflowLinks.of(done).orElseThrow().kind()).isEqualTo("group");
			}
			assertThat(results).containsExactly(1, 5, 20);
		});
	}

	@Test
	void aChordGivesTheCallbackTheMembersResultsInOrder() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> records = qtasks.chord(
					List.of(qtasks.task("num").args(1), qtasks.task("num").args(2), qtasks.task("num").args(3)),
					qtasks.task("sum"));
			assertThat(records).hasSize(4);
			Task callback = qtasks.waitResult(records.get(3).uuid(), WAIT).orElseThrow();
			assertThat(callback.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(callback.returning()).isEqualTo(6);
			assertThat(callback.args()).containsExactly(List.of(1, 2, 3));
			assertThat(callback.taskName()).isEqualTo("sum");
		});
	}

	@Test
	void aFailedMemberCancelsTheChordsCallbackNamingIt() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> records = qtasks.chord(List.of(qtasks.task("num").args(1), qtasks.task("boom").args(2)),
					qtasks.task("sum"));
			Task callback = qtasks.waitResult(records.get(2).uuid(), WAIT).orElseThrow();
			assertThat(callback.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(callback.cancelReason()).contains(records.get(1).uuid().toString()).contains("ended error");
			assertThat(qtasks.waitResult(records.get(0).uuid(), WAIT).orElseThrow().status())
				.isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void aChordMayRunItsCallbackWithNullForAFailedMember() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> records = qtasks.chord(
					List.of(qtasks.task("num").args(1), qtasks.task("boom").args(2), qtasks.task("num").args(3)),
					qtasks.task("count"), ChordFailure.RUN_CALLBACK);
			Task callback = qtasks.waitResult(records.get(3).uuid(), WAIT).orElseThrow();
			assertThat(callback.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(callback.args()).containsExactly(Arrays.asList(1, null, 3));
			assertThat(callback.returning()).isEqualTo(2);
		});
	}

	@Test
	void aGroupNestedInAChainGetsThePreviousResultAndHandsOnItsResults() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(2),
					qtasks.groupOf(qtasks.task("add").args(1), qtasks.task("add").args(10)), qtasks.task("sum"));
			assertThat(steps).hasSize(4);
			Task last = qtasks.waitResult(steps.get(3).uuid(), WAIT).orElseThrow();
			assertThat(last.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(last.args()).containsExactly(List.of(3, 12));
			assertThat(last.returning()).isEqualTo(15);
		});
	}

	@Test
	void aChainNestedInAGroupRunsInItsOwnOrder() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> records = qtasks
				.chord(List.of(qtasks.chainOf(qtasks.task("num").args(2), qtasks.task("mul").args(10)),
						qtasks.task("num").args(7)), qtasks.task("sum"));
			Task callback = qtasks.waitResult(records.get(3).uuid(), WAIT).orElseThrow();
			assertThat(callback.returning()).isEqualTo(27);
		});
	}

	@Test
	void cancellingTheFirstStepEndsTheRest() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(1), qtasks.task("add").args(2),
					qtasks.task("add").args(3));
			qtasks.cancel(steps.get(0).uuid(), "not today");
			for (Task step : steps.subList(1, 3)) {
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(qtasks.get(step.uuid()).orElseThrow().status())
						.isEqualTo(TaskStatus.CANCEL));
				assertThat(qtasks.get(step.uuid()).orElseThrow().cancelReason())
					.contains(steps.get(0).uuid().toString());
			}
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(engine(context).stats().waitingCount()).isZero();
		});
	}

	@Test
	void aRunningStepCancelledStopsTheChain() {
		worker().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> steps = qtasks.chain(qtasks.task("gate").args(1), qtasks.task("add").args(2));
			await().atMost(WAIT)
				.until(() -> qtasks.get(steps.get(0).uuid()).orElseThrow().status() == TaskStatus.PROCESS);
			qtasks.cancel(steps.get(0).uuid(), "stop it");
			Task last = qtasks.waitResult(steps.get(1).uuid(), WAIT).orElseThrow();
			assertThat(last.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(last.cancelReason()).contains("ended cancel");
			context.getBean(WorkflowTestTasks.class).open();
		});
	}

	@Test
	void aStepUuidThatExistsIsRefusedBeforeAnythingIsStored() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			Task taken = qtasks.task("num").args(1).add();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").uuid(taken.uuid())))
				.withMessageContaining(taken.uuid().toString());
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().waitingCount()).isZero();
		});
	}

	protected static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	protected static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

}

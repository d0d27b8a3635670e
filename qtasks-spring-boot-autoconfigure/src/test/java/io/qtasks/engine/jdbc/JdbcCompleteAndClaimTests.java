package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outcomes and the next claim in one statement ({@link JdbcCompletedClaims}): each
 * outcome under its own fence, a task claimed for each outcome written, in priority order
 * with a fresh fencing token, and nothing at all when the statement fails.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcCompleteAndClaimTests {

	private static final ClaimRequest NEXT_ONE = ClaimRequest.anyTask(1, Duration.ZERO);

	@Test
	void aCompletionWritesItsOutcomeAndClaimsTheNextTaskByPriority() {
		runner(PostgresTestServer.uniquePrefix("fusedp")).run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			TaskQueue queue = context.getBean(TaskQueue.class);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			QueueClaim first = JdbcGroupedWriteTests.claimed(qtasks, queue, 1).get(0);
			qtasks.task("echo").args("later").priority(9).add();
			UUID urgent = qtasks.task("echo").args("urgent").priority(1).add().uuid();

			CompletedAndClaimed done = context.getBean(TaskSteps.class)
				.completeAndClaim(List.of(completion(first, TaskStatus.SUCCESS)), NEXT_ONE, queue);

			assertThat(done.written()).containsExactly(WriteResult.WRITTEN);
			assertThat(status(records, first)).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.claimed()).singleElement().satisfies((next) -> {
				assertThat(next.uuid()).isEqualTo(urgent);
				assertThat(next.token()).isNotNull().isNotEqualTo(first.token());
				assertThat(next.stored().revision()).isEqualTo(records.find(urgent).orElseThrow().revision());
				assertThat(queue.extend(List.of(next))).isEmpty();
			});
			assertThat(queue.pendingCount()).isOne();
		});
	}

	@Test
	void tasksClaimedByOneCompletionStatementEachHoldTheirOwnToken() {
		runner(PostgresTestServer.uniquePrefix("fusedt")).run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			TaskQueue queue = context.getBean(TaskQueue.class);
			TaskSteps steps = context.getBean(TaskSteps.class);
			List<QueueClaim> claims = JdbcGroupedWriteTests.claimed(qtasks, queue, 2);
			qtasks.addTask("echo", "next 1");
			qtasks.addTask("echo", "next 2");

			CompletedAndClaimed done = steps.completeAndClaim(
					List.of(completion(claims.get(0), TaskStatus.SUCCESS),
							completion(claims.get(1), TaskStatus.SUCCESS)),
					ClaimRequest.anyTask(2, Duration.ZERO), queue);

			assertThat(done.claimed()).hasSize(2)
				.extracting(QueueClaim::token)
				.doesNotHaveDuplicates()
				.allMatch((token) -> token.matches("[0-9a-f]{32}"), "32 lowercase hex digits");
			// with a revision that does not pass, only the token decides
			QueueClaim first = done.claimed().get(0);
			QueueClaim second = done.claimed().get(1);
			Task finished = completion(first, TaskStatus.SUCCESS).record();
			assertThat(steps.complete(first, finished, Fence.claim(second.token(), -1))).isEqualTo(WriteResult.FENCED);
			for (QueueClaim claim : done.claimed()) {
				Task own = completion(claim, TaskStatus.SUCCESS).record();
				assertThat(steps.complete(claim, own, Fence.claim(claim.token(), -1))).isEqualTo(WriteResult.WRITTEN);
			}
		});
	}

	@Test
	void outcomesThatDoNotWaitForTheFlushAreWrittenAndClaimTheNextTaskAsTheOthers() {
		runner(PostgresTestServer.uniquePrefix("fusedn")).withPropertyValues("qtasks.jdbc.flush-outcomes=false")
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				TaskQueue queue = context.getBean(TaskQueue.class);
				TaskRecordStore records = context.getBean(TaskRecordStore.class);
				TaskSteps steps = context.getBean(TaskSteps.class);
				List<QueueClaim> claims = JdbcGroupedWriteTests.claimed(qtasks, queue, 2);
				UUID next = qtasks.addTask("echo", "next").uuid();

				CompletedAndClaimed done = steps
					.completeAndClaim(List.of(completion(claims.get(0), TaskStatus.SUCCESS)), NEXT_ONE, queue);
				Completion alone = completion(claims.get(1), TaskStatus.ERROR);
				WriteResult written = steps.complete(claims.get(1), alone.record(), alone.fence());

				assertThat(done.written()).containsExactly(WriteResult.WRITTEN);
				assertThat(done.claimed()).extracting(QueueClaim::uuid).containsExactly(next);
				assertThat(written).isEqualTo(WriteResult.WRITTEN);
				assertThat(status(records, claims.get(0))).isEqualTo(TaskStatus.SUCCESS);
				assertThat(status(records, claims.get(1))).isEqualTo(TaskStatus.ERROR);
				assertThat(queue.pendingCount()).isZero();
			});
	}

	@Test
	void aStaleFenceIsRefusedAloneAndItsSlotStillGetsATask() {
		runner(PostgresTestServer.uniquePrefix("fuseds")).run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			TaskQueue queue = context.getBean(TaskQueue.class);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			List<QueueClaim> claims = JdbcGroupedWriteTests.claimed(qtasks, queue, 2);
			qtasks.addTask("echo", "next");
			qtasks.addTask("echo", "after");
			List<Completion> completions = List.of(completion(claims.get(0), TaskStatus.SUCCESS),
					completion(claims.get(1), TaskStatus.SUCCESS, Fence.claim("stale-token", 0)));

			CompletedAndClaimed done = context.getBean(TaskSteps.class)
				.completeAndClaim(completions, ClaimRequest.anyTask(2, Duration.ZERO), queue);

			assertThat(done.written()).containsExactly(WriteResult.WRITTEN, WriteResult.FENCED);
			assertThat(claims).extracting((claim) -> status(records, claim))
				.containsExactly(TaskStatus.SUCCESS, TaskStatus.NEW);
			// the slot of a fenced completion is free all the same (its run ended), as in
			// the default steps and on Redis
			assertThat(done.claimed()).extracting((next) -> next.stored().record().args().get(0))
				.containsExactly("next", "after");
			assertThat(queue.pendingCount()).isZero();
		});
	}

	@Test
	void withNothingDueTheCompletionsAreWrittenAndNothingIsClaimed() {
		runner(PostgresTestServer.uniquePrefix("fusedn")).run((context) -> {
			TaskQueue queue = context.getBean(TaskQueue.class);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			List<QueueClaim> claims = JdbcGroupedWriteTests.claimed(context.getBean(QTasks.class), queue, 2);
			List<Completion> completions = claims.stream()
				.map((claim) -> completion(claim, TaskStatus.SUCCESS))
				.toList();

			CompletedAndClaimed done = context.getBean(TaskSteps.class)
				.completeAndClaim(completions, ClaimRequest.anyTask(2, Duration.ZERO), queue);

			assertThat(done.written()).containsExactly(WriteResult.WRITTEN, WriteResult.WRITTEN);
			assertThat(done.claimed()).isEmpty();
			assertThat(claims).extracting((claim) -> status(records, claim))
				.containsExactly(TaskStatus.SUCCESS, TaskStatus.SUCCESS);
		});
	}

	@Test
	void aDatabaseErrorFailsTheWholeCallAndWritesNothing() {
		String prefix = PostgresTestServer.uniquePrefix("fusedf");
		runner(prefix).run((context) -> {
			TaskQueue queue = context.getBean(TaskQueue.class);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			QTasks qtasks = context.getBean(QTasks.class);
			List<QueueClaim> claims = JdbcGroupedWriteTests.claimed(qtasks, queue, 2);
			qtasks.addTask("echo", "next");
			// the database refuses the outcome of the second task, and with it the
			// statement
			PostgresTestServer.get()
				.execute("ALTER TABLE " + prefix + "task ADD CONSTRAINT " + prefix
						+ "no_error CHECK (status <> 'error') NOT VALID");
			List<Completion> completions = List.of(completion(claims.get(0), TaskStatus.SUCCESS),
					completion(claims.get(1), TaskStatus.ERROR));
			TaskSteps steps = context.getBean(TaskSteps.class);

			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> steps.completeAndClaim(completions, ClaimRequest.anyTask(2, Duration.ZERO), queue))
				.withMessageContaining(prefix + "no_error");

			assertThat(claims).extracting((claim) -> status(records, claim))
				.containsExactly(TaskStatus.NEW, TaskStatus.NEW);
			assertThat(queue.extend(claims)).isEmpty();
			assertThat(queue.pendingCount()).isOne();
		});
	}

	private static ApplicationContextRunner runner(String prefix) {
		return JdbcTestApplications.runner(prefix).withPropertyValues("qtasks.worker.enabled=false");
	}

	private static Completion completion(QueueClaim claim, TaskStatus status) {
		return completion(claim, status, JdbcGroupedWriteTests.fence(claim));
	}

	private static Completion completion(QueueClaim claim, TaskStatus status, Fence fence) {
		Task done = claim.stored().record().toBuilder().status(status).updatedAt(Instant.now()).build();
		return new Completion(claim, done, fence);
	}

	private static TaskStatus status(TaskRecordStore records, QueueClaim claim) {
		return records.find(claim.uuid()).orElseThrow().record().status();
	}

}

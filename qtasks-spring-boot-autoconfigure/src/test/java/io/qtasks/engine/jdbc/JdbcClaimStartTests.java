package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start of a task's first attempt stored by its claim: the record reads
 * {@code process} with the attempt's entry from the claim on, on every node, and the
 * worker writes no record of its own before the method runs.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcClaimStartTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("start");

	private final TaskProbe probe = new TaskProbe();

	@Test
	void aRunningTaskReadsProcessWithItsAttemptAndNodeThatOnlyTheClaimStored() {
		JdbcTestApplications.runner(this.prefix)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				Task queued = qtasks.addTask("hold", "held");
				assertThat(this.probe.awaitStart("held", WAIT)).isTrue();
				Task running = qtasks.get(queued.uuid()).orElseThrow();
				assertThat(running.status()).isEqualTo(TaskStatus.PROCESS);
				assertThat(running.attempt()).isEqualTo(1);
				assertThat(attempts(running)).singleElement()
					.satisfies((attempt) -> assertThat(attempt).containsKeys("node", "startedAt"));
				// a record the worker wrote would have replaced the start the claim
				// stored
				assertThat(jdbc.queryForObject("SELECT start_node FROM " + this.prefix + "task WHERE uuid = ?",
						String.class, queued.uuid()))
					.isEqualTo(attempts(running).get(0).get("node"));
				this.probe.open("held");
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(qtasks.get(queued.uuid())).get()
						.extracting(Task::status)
						.isEqualTo(TaskStatus.SUCCESS));
				Task done = qtasks.get(queued.uuid()).orElseThrow();
				assertThat(done.attempt()).isEqualTo(1);
				assertThat(attempts(done)).singleElement()
					.satisfies(
							(attempt) -> assertThat(attempt).containsEntry("node", attempts(running).get(0).get("node"))
								.containsEntry("startedAt", attempts(running).get(0).get("startedAt")));
				assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM " + this.prefix + "task WHERE start_at IS NOT NULL", Long.class))
					.isZero();
			});
	}

	@Test
	void theStartOfAClaimWhoseWorkerDiedIsMarkedLostByTheNextClaimant() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.jdbc.lease=1s",
					"qtasks.jdbc.heartbeat-interval=300ms", "qtasks.jdbc.reaper-interval=100ms")
			.run((context) -> {
				TaskEngine engine = context.getBean(TaskEngine.class);
				Task queued = context.getBean(QTasks.class).addTask("echo", "lost");
				TaskDelivery first = engine.claim(ClaimRequest.anyTask(1, WAIT).startingOn("node-a")).get(0);
				assertThat(first.claimRecordedStart()).isTrue();
				assertThat(first.task().status()).isEqualTo(TaskStatus.NEW);
				Task started = engine.find(queued.uuid()).orElseThrow();
				assertThat(started.status()).isEqualTo(TaskStatus.PROCESS);
				assertThat(attempts(started)).singleElement()
					.satisfies((attempt) -> assertThat(attempt).containsEntry("attempt", 1)
						.containsEntry("node", "node-a"));
				assertThat(first.startRecordedByClaim(
						engine.transitions().claimed(first.task(), 1, first.task().retry()), false, "node-a"))
					.isEqualTo(started);
				// node-a dies: nobody extends its lease, the reaper hands the task out
				// again
				TaskDelivery second = engine.claim(ClaimRequest.anyTask(1, WAIT).startingOn("node-b")).get(0);
				assertThat(second.deliveries()).isEqualTo(2);
				assertThat(second.claimRecordedStart()).isFalse();
				assertThat(second.task()).isEqualTo(started);
				Task claimed = engine.transitions().claimed(second.task(), second.deliveries(), second.task().retry());
				Task restarted = engine.transitions().started(claimed, false, "node-b");
				assertThat(second.write(restarted).written()).isTrue();
				Task read = engine.find(queued.uuid()).orElseThrow();
				assertThat(read.attempt()).isEqualTo(2);
				assertThat(attempts(read)).hasSize(2);
				assertThat(attempts(read).get(0)).containsEntry("node", "node-a").containsKey("error");
				assertThat(attempts(read).get(1)).containsEntry("node", "node-b").doesNotContainKey("error");
			});
	}

	@Test
	void aClaimThatNamesNoNodeStoresNoStart() {
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			TaskEngine engine = context.getBean(TaskEngine.class);
			Task queued = context.getBean(QTasks.class).addTask("echo", "plain");
			TaskDelivery delivery = engine.claim(ClaimRequest.anyTask(1, WAIT)).get(0);
			assertThat(delivery.claimRecordedStart()).isFalse();
			assertThat(engine.find(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		});
	}

	@Test
	void aWriteByANodeThatKnowsNoStartsVoidsTheStoredStart() {
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			TaskEngine engine = context.getBean(TaskEngine.class);
			Task queued = context.getBean(QTasks.class).addTask("echo", "older");
			TaskDelivery delivery = engine.claim(ClaimRequest.anyTask(1, WAIT).startingOn("node-a")).get(0);
			assertThat(delivery.claimRecordedStart()).isTrue();
			Task older = delivery.task().toBuilder().extra("writtenBy", "an older version").build();
			// what an older version's write does: a new record and revision, the start
			// columns left as they were
			context.getBean(JdbcTemplate.class)
				.update("UPDATE " + this.prefix + "task SET record = ?, revision = revision + 1 WHERE uuid = ?",
						context.getBean(JdbcTaskCodec.class).write(older), queued.uuid());
			assertThat(engine.find(queued.uuid())).get().isEqualTo(older);
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get(TaskExtras.ATTEMPTS);
	}

}

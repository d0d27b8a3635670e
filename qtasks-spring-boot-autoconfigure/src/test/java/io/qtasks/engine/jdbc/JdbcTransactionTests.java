package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enqueue inside the caller's transaction: a task enqueued in a Spring transaction on the
 * application's {@code DataSource} exists, and runs, if and only if that transaction
 * commits, together with the application's own rows.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcTransactionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("tx");

	private final TaskProbe probe = new TaskProbe();

	private ApplicationContextRunner application(String... properties) {
		return JdbcTestApplications.runner(this.prefix)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("test.node=A", "qtasks.jdbc.poll-interval=1m")
			.withPropertyValues(properties);
	}

	@Test
	void aTaskEnqueuedInARolledBackTransactionNeverExistsNorRuns() {
		application().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String orders = createOrders(jdbc);
			UUID rolledBack = transaction(context).execute((status) -> {
				jdbc.update("INSERT INTO " + orders + " (id) VALUES (1)");
				UUID uuid = qtasks(context).addTask("record", "rolled back").uuid();
				status.setRollbackOnly();
				return uuid;
			});
			// a task enqueued after it runs, so the worker has looked at the queue since
			Task after = qtasks(context).task("record").args("committed later").addAndWait(WAIT);
			assertThat(after.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks(context).get(rolledBack)).isEmpty();
			assertThat(this.probe.runs("rolled back")).isZero();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM " + orders, Long.class)).isZero();
		});
	}

	@Test
	void aTaskEnqueuedInACommittedTransactionRunsWithTheApplicationsRows() {
		application().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String orders = createOrders(jdbc);
			UUID committed = transaction(context).execute((status) -> {
				jdbc.update("INSERT INTO " + orders + " (id) VALUES (7)");
				return qtasks(context).addTask("record", "committed").uuid();
			});
			Task done = qtasks(context).waitResult(committed, WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(this.probe.runs("committed")).isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM " + orders, Long.class)).isEqualTo(1);
		});
	}

	@Test
	void aBatchAddedInATransactionIsStoredWithItOrNotAtAll() {
		application("qtasks.worker.enabled=false").run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> rolledBack = transaction(context).execute((status) -> {
				List<Task> added = qtasks.addAll(List.of(qtasks.task("record").args("b1"),
						qtasks.task("record").args("b2"), qtasks.task("record").args("b3")));
				assertThat(qtasks.get(added.get(0).uuid())).as("visible inside the transaction").isPresent();
				status.setRollbackOnly();
				return added;
			});
			assertThat(rolledBack).allSatisfy((task) -> assertThat(qtasks.get(task.uuid())).isEmpty());
			List<Task> committed = transaction(context).execute((status) -> qtasks
				.addAll(List.of(qtasks.task("record").args("c1"), qtasks.task("record").args("c2"))));
			assertThat(committed).allSatisfy((task) -> assertThat(qtasks.get(task.uuid())).isPresent());
			assertThat(context.getBean(TaskEngine.class).stats().pendingCount()).isEqualTo(2);
		});
	}

	@Test
	void aWorkerDoesNotSeeATaskBeforeItsTransactionCommits() {
		application("qtasks.worker.enabled=false").run((context) -> {
			TaskEngine engine = context.getBean(TaskEngine.class);
			CompletableFuture<List<TaskDelivery>> waiting = new CompletableFuture<>();
			Thread receiver = new Thread(() -> {
				try {
					waiting.complete(engine.claim(ClaimRequest.anyTask(5, Duration.ofMinutes(5))));
				}
				catch (Throwable ex) {
					waiting.completeExceptionally(ex);
				}
			}, "test-receiver");
			UUID uuid = transaction(context).execute((status) -> {
				UUID enqueued = qtasks(context).addTask("record", "not yet").uuid();
				// seen from outside the transaction (other threads, other connections):
				// nothing
				CompletableFuture<Long> pending = CompletableFuture.supplyAsync(engine.stats()::pendingCount);
				CompletableFuture<List<TaskDelivery>> claimed = CompletableFuture.supplyAsync(() -> claimNow(engine));
				CompletableFuture<Boolean> found = CompletableFuture
					.supplyAsync(() -> qtasks(context).get(enqueued).isPresent());
				assertThat(within(pending)).isZero();
				assertThat(within(claimed)).isEmpty();
				assertThat(within(found)).isFalse();
				// inside it, the enqueue is visible
				assertThat(qtasks(context).get(enqueued)).isPresent();
				receiver.start();
				org.awaitility.Awaitility.await()
					.atMost(WAIT)
					.until(() -> receiver.getState() == Thread.State.TIMED_WAITING);
				return enqueued;
			});
			// the commit's notification wakes the waiting receiver (its poll is a minute)
			List<TaskDelivery> delivered = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(delivered).extracting(TaskDelivery::uuid).containsExactly(uuid);
		});
	}

	@Test
	void outsideATransactionEachEnqueueCommitsOnItsOwn() {
		application("qtasks.worker.enabled=false").run((context) -> {
			TaskEngine engine = context.getBean(TaskEngine.class);
			UUID uuid = qtasks(context).addTask("record", "on its own").uuid();
			assertThat(
					CompletableFuture.supplyAsync(() -> claimNow(engine)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.extracting(TaskDelivery::uuid)
				.containsExactly(uuid);
		});
	}

	@Test
	void onConnectionsThatDoNotAutoCommitATaskEnqueuedOutsideATransactionIsStoredAndRuns() {
		application("spring.datasource.hikari.auto-commit=false").run((context) -> {
			Task done = qtasks(context).task("record").args("no auto-commit").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(this.probe.runs("no auto-commit")).isEqualTo(1);
			UUID rolledBack = transaction(context).execute((status) -> {
				UUID uuid = qtasks(context).addTask("record", "rolled back").uuid();
				status.setRollbackOnly();
				return uuid;
			});
			UUID committed = transaction(context)
				.execute((status) -> qtasks(context).addTask("record", "committed").uuid());
			assertThat(qtasks(context).waitResult(committed, WAIT).orElseThrow().status())
				.isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks(context).get(rolledBack)).isEmpty();
			assertThat(this.probe.runs("rolled back")).isZero();
		});
	}

	private static <T> T within(CompletableFuture<T> future) {
		return future.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	private static List<TaskDelivery> claimNow(TaskEngine engine) {
		try {
			return engine.claim(ClaimRequest.anyTask(5, Duration.ZERO));
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String createOrders(JdbcTemplate jdbc) {
		String orders = this.prefix + "orders";
		jdbc.execute("CREATE TABLE " + orders + " (id INTEGER PRIMARY KEY)");
		return orders;
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

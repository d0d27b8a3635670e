package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.workflow.WorkflowTestTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tasks added inside a Spring transaction (a real {@link DataSourceTransactionManager} on
 * an embedded database) are sent after the commit and dropped on rollback; outside a
 * transaction, or with {@code immediate()}, they are sent at once. Run on each engine
 * that does not write in the caller's transaction.
 *
 * @author QTasks contributors
 */
abstract class TransactionalEnqueueTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private ApplicationContextRunner runner() {
		return engine().withBean(WorkflowTestTasks.class).withUserConfiguration(Database.class);
	}

	/**
	 * A context runner with the engine under test configured.
	 * @return the runner
	 */
	abstract ApplicationContextRunner engine();

	@Test
	void aTaskAddedInATransactionThatRollsBackIsNeverStoredAndNeverRuns() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			AtomicReference<Task> added = new AtomicReference<>();
			transactions(context).executeWithoutResult((status) -> {
				added.set(qtasks.task("num").args(1).add());
				assertThat(qtasks.get(added.get().uuid())).as("not sent before the commit").isEmpty();
				status.setRollbackOnly();
			});
			assertThat(added.get().status()).isEqualTo(TaskStatus.NEW);
			assertThat(qtasks.get(added.get().uuid())).isEmpty();
			// a task added afterwards runs, so the rolled back one would have run by then
			assertThat(qtasks.task("num").args(2).addAndWait(WAIT).status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks.get(added.get().uuid())).isEmpty();
			assertThat(engine(context).stats().countByStatus().values().stream().mapToLong(Long::longValue).sum())
				.isEqualTo(1);
		});
	}

	@Test
	void aTaskAddedInATransactionThatCommitsIsSentAfterTheCommitAndRuns() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("create table orders (id int primary key)");
			Task added = transactions(context).execute((status) -> {
				jdbc.update("insert into orders (id) values (7)");
				Task task = qtasks.task("num").args(7).add();
				assertThat(qtasks.get(task.uuid())).as("not sent before the commit").isEmpty();
				return task;
			});
			Task done = qtasks.waitResult(added.uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(7);
			assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(1);
		});
	}

	@Test
	void immediateSendsInsideATransactionAtOnceAndSurvivesARollback() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			Task added = transactions(context).execute((status) -> {
				Task task = qtasks.task("num").args(3).immediate().add();
				assertThat(qtasks.get(task.uuid())).as("sent at once").isPresent();
				status.setRollbackOnly();
				return task;
			});
			assertThat(qtasks.waitResult(added.uuid(), WAIT).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void batchesAndWorkflowsFollowTheTransactionToo() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> rolledBack = transactions(context).execute((status) -> {
				List<Task> batch = qtasks.addAll(List.of(qtasks.task("num").args(1), qtasks.task("num").args(2)));
				List<Task> chain = qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").args(3));
				status.setRollbackOnly();
				return List.of(batch.get(0), batch.get(1), chain.get(0), chain.get(1));
			});
			rolledBack.forEach((task) -> assertThat(qtasks.get(task.uuid())).isEmpty());
			List<Task> committed = transactions(context)
				.execute((status) -> qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").args(3)));
			assertThat(qtasks.waitResult(committed.get(1).uuid(), WAIT).orElseThrow().returning()).isEqualTo(5);
			rolledBack.forEach((task) -> assertThat(qtasks.get(task.uuid())).isEmpty());
		});
	}

	@Test
	void delayedAndUniqueTasksFollowTheTransactionToo() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			List<Task> rolledBack = transactions(context).execute((status) -> {
				Task delayed = qtasks.task("num").args(1).delay(Duration.ofMillis(200)).add();
				Task unique = qtasks.task("num").args(2).uniqueKey("in a transaction").add();
				status.setRollbackOnly();
				return List.of(delayed, unique);
			});
			rolledBack.forEach((task) -> assertThat(qtasks.get(task.uuid())).isEmpty());
			Task committed = transactions(context).execute((status) -> qtasks.task("num")
				.args(3)
				.uniqueKey("in a transaction")
				.delay(Duration.ofMillis(200))
				.add());
			assertThat(qtasks.waitResult(committed.uuid(), WAIT).orElseThrow().returning()).isEqualTo(3);
			rolledBack.forEach((task) -> assertThat(qtasks.get(task.uuid())).isEmpty());
		});
	}

	@Test
	void batchesTakeDelaysButNoUniqueKeysAndWorkflowStepsNeither() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			Instant before = Instant.now();
			List<Task> batch = qtasks
				.addAll(List.of(qtasks.task("num").args(5).delay(Duration.ofMillis(500)), qtasks.task("num").args(6)));
			assertThat(batch.get(0).extra()).containsKey("dueAt");
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(qtasks.waitResult(batch.get(0).uuid(), WAIT).orElseThrow().updatedAt())
				.isAfterOrEqualTo(before.plusMillis(500));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> qtasks.addAll(List.of(qtasks.task("num").args(7).uniqueKey("batched"))));
			assertThatIllegalArgumentException().isThrownBy(() -> qtasks
				.chain(qtasks.task("num").args(8).delay(Duration.ofSeconds(1)), qtasks.task("add").args(1)));
		});
	}

	@Test
	void outsideATransactionTasksAreSentAtOnce() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			Task added = qtasks.task("num").args(4).add();
			assertThat(qtasks.get(added.uuid())).isPresent();
		});
	}

	@Test
	void outsideATransactionABatchThatNamesOneUuidTwiceAnswersTheStoredTaskForBoth() {
		runner().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID uuid = UUID.randomUUID();
			List<Task> batch = qtasks
				.addAll(List.of(qtasks.task("num").uuid(uuid).args(8), qtasks.task("num").uuid(uuid).args(9)));
			assertThat(batch).extracting(Task::args).containsExactly(List.of(8), List.of(8));
			assertThat(qtasks.get(uuid)).map(Task::args).contains(List.of(8));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Database {

		@Bean
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

	private static TransactionTemplate transactions(AssertableApplicationContext context) {
		return new TransactionTemplate(context.getBean(DataSourceTransactionManager.class));
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	private static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

}

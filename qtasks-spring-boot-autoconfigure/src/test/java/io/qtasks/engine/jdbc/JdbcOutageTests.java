package io.qtasks.engine.jdbc;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.actuate.QTasksHealthIndicator;
import io.qtasks.autoconfigure.QTasksHealthContributorAutoConfiguration;
import io.qtasks.client.TaskEnqueueException;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.testsupport.CuttableDataSource;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away and comes back: health is DOWN meanwhile, enqueues fail with an
 * exception naming the task, and every task committed before runs once it is back.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String prefix = PostgresTestServer.uniquePrefix("outage");

	private final TaskProbe probe = new TaskProbe();

	@Test
	void healthGoesDownAndUpEnqueuesFailClearlyAndCommittedTasksRunAfterwards() {
		JdbcTestApplications.runner(this.prefix)
			.withConfiguration(AutoConfigurations.of(QTasksHealthContributorAutoConfiguration.class))
			.withBean(CuttableDataSource.class.getName() + ".wrapping", BeanPostProcessor.class,
					CuttableDataSource::wrapping)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("test.node=A", "qtasks.worker.concurrency=1", "qtasks.jdbc.poll-interval=1s")
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				QTasksHealthIndicator health = context.getBean(QTasksHealthIndicator.class);
				Task held = qtasks.addTask("hold", "across the outage");
				assertThat(this.probe.awaitStart("across the outage", WAIT)).isTrue();
				Task queued = qtasks.addTask("record", "committed before");
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				CuttableDataSource database = (CuttableDataSource) context.getBean(DataSource.class);

				database.cut();
				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("broker", "jdbc").containsKey("error");
				assertThatExceptionOfType(TaskEnqueueException.class)
					.isThrownBy(() -> qtasks.addTask("record", "during the outage"))
					.withMessageStartingWith("Task 'record' could not be enqueued on the jdbc broker: ");

				database.restore();
				await().atMost(WAIT).untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
				this.probe.open("across the outage");
				assertThat(qtasks.waitResult(held.uuid(), WAIT)).get()
					.extracting(Task::status)
					.isEqualTo(TaskStatus.SUCCESS);
				assertThat(qtasks.waitResult(queued.uuid(), WAIT)).get()
					.extracting(Task::status)
					.isEqualTo(TaskStatus.SUCCESS);
				assertThat(this.probe.runs("committed before")).isEqualTo(1);
				assertThat(this.probe.runs("during the outage")).isZero();
				assertThat(qtasks.task("record").args("after the outage").addAndWait(WAIT).status())
					.isEqualTo(TaskStatus.SUCCESS);
			});
	}

}

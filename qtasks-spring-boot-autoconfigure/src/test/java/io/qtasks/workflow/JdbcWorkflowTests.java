package io.qtasks.workflow;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow contract on the JDBC engine (PostgreSQL), and what only a shared engine
 * can show: a workflow outlives the client that enqueued it.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcWorkflowTests extends WorkflowContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("workflow");

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

	@Test
	void aChainGoesOnAfterTheClientThatEnqueuedItIsGone() {
		Task[] last = new Task[1];
		clientOnly().run((client) -> {
			QTasks qtasks = client.getBean(QTasks.class);
			List<Task> steps = qtasks.chain(qtasks.task("num").args(2), qtasks.task("add").args(3),
					qtasks.task("mul").args(4));
			last[0] = steps.get(2);
		});
		worker().run((context) -> {
			Task done = context.getBean(QTasks.class).waitResult(last[0].uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(20);
		});
	}

}

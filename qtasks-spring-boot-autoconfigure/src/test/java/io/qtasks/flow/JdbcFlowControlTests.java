package io.qtasks.flow;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.TaskStatus;
import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow control end to end on JDBC, two nodes of one application on one PostgreSQL
 * database: the cap is counted inside the task with one counter that both nodes (in this
 * JVM) share, so it holds across the nodes.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcFlowControlTests extends FlowControlScenarios {

	private final String prefix = PostgresTestServer.uniquePrefix("flow");

	private final FlowRecorder recorder = new FlowRecorder();

	private ApplicationContextRunner node(String node, String... properties) {
		return JdbcTestApplications.runner(this.prefix)
			.withBean(FlowRecorder.class, () -> this.recorder)
			.withBean(FlowTestTasks.class)
			.withPropertyValues("test.node=" + node)
			.withPropertyValues(properties);
	}

	@Override
	protected void withNodes(String[] properties, Nodes body) {
		node("A", properties).run((a) -> node("B", properties).run((b) -> {
			assertThat(a).hasNotFailed();
			assertThat(b).hasNotFailed();
			body.run(List.of(a, b));
		}));
	}

	@Override
	protected FlowRecorder recorder() {
		return this.recorder;
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.jdbc.reaper-interval=100ms" };
	}

	@Test
	void aNodeWorkingOnlyEmailsNeverRunsReports() {
		node("A", "qtasks.worker.queues=emails")
			.run((a) -> node("B", "qtasks.worker.queues=reports,default").run((b) -> {
				QTasks qtasks = qtasks(a);
				List<UUID> reports = add(qtasks, "report", "r", 3);
				List<UUID> emails = add(qtasks, "email", "e", 6);
				UUID moved = qtasks.task("uncapped").args("moved").queue("emails").add().uuid();
				awaitAll(qtasks, emails, TaskStatus.SUCCESS);
				awaitAll(qtasks, List.of(moved), TaskStatus.SUCCESS);
				for (int i = 0; i < 3; i++) {
					this.recorder.open("r" + i);
				}
				awaitAll(qtasks, reports, TaskStatus.SUCCESS);
				assertThat(this.recorder.runs()).filteredOn((run) -> run.label().startsWith("r"))
					.extracting(FlowRecorder.Run::node)
					.containsOnly("B");
				assertThat(this.recorder.runs()).filteredOn((run) -> !run.label().startsWith("r"))
					.extracting(FlowRecorder.Run::node)
					.containsOnly("A");
			}));
	}

}

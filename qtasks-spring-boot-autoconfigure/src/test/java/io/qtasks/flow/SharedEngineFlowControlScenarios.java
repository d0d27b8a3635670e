package io.qtasks.flow;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow-control scenarios on an engine that many nodes share, run with two nodes of
 * one application, and what only two nodes can show: a node working only some queues
 * never runs the others.
 *
 * @author QTasks contributors
 */
public abstract class SharedEngineFlowControlScenarios extends FlowControlScenarios {

	/**
	 * A context runner with the engine under test configured, for the test's application.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner engine();

	ApplicationContextRunner node(String node, String... properties) {
		return engine().withBean(FlowRecorder.class, this::recorder)
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
					recorder().open("r" + i);
				}
				awaitAll(qtasks, reports, TaskStatus.SUCCESS);
				assertThat(recorder().runs()).filteredOn((run) -> run.label().startsWith("r"))
					.extracting(FlowRecorder.Run::node)
					.containsOnly("B");
				assertThat(recorder().runs()).filteredOn((run) -> !run.label().startsWith("r"))
					.extracting(FlowRecorder.Run::node)
					.containsOnly("A");
			}));
	}

}

package io.qtasks.flow;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.TaskStatus;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control end to end on the in-memory engine, one node.
 *
 * @author QTasks contributors
 */
class MemoryFlowControlTests extends FlowControlScenarios {

	private final FlowRecorder recorder = new FlowRecorder();

	private ApplicationContextRunner node(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withBean(FlowRecorder.class, () -> this.recorder)
			.withBean(FlowTestTasks.class)
			.withPropertyValues("test.node=A")
			.withPropertyValues(properties);
	}

	@Override
	protected void withNodes(String[] properties, Nodes body) {
		node(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			body.run(List.of(context));
		});
	}

	@Override
	protected FlowRecorder recorder() {
		return this.recorder;
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms" };
	}

	@Test
	void aNodeWorkingOnlyEmailsNeverRunsReports() {
		node("qtasks.worker.queues=emails").run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID report = qtasks.addTask("report", "r0").uuid();
			UUID overridden = qtasks.task("uncapped").args("moved").queue("reports").add().uuid();
			awaitAll(qtasks, add(qtasks, "email", "e", 3), TaskStatus.SUCCESS);
			awaitAll(qtasks, List.of(qtasks.task("uncapped").args("routed").queue("emails").add().uuid()),
					TaskStatus.SUCCESS);
			assertThat(status(qtasks, report)).isEqualTo(TaskStatus.NEW);
			assertThat(status(qtasks, overridden)).isEqualTo(TaskStatus.NEW);
			assertThat(this.recorder.hasRun("r0")).isFalse();
			await().atMost(WAIT).until(() -> this.recorder.hasRun("routed"));
		});
	}

}

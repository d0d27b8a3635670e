package io.qtasks.workflow;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow contract, and what only an engine shared by many nodes can show: a
 * workflow outlives the client that enqueued it.
 *
 * @author QTasks contributors
 */
public abstract class SharedEngineWorkflowContractTests extends WorkflowContractTests {

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

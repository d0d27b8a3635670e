package io.qtasks.workflow;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;

/**
 * The workflow contract on the memory engine.
 *
 * @author QTasks contributors
 */
class MemoryWorkflowTests extends WorkflowContractTests {

	@Override
	protected ApplicationContextRunner engine() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class));
	}

}

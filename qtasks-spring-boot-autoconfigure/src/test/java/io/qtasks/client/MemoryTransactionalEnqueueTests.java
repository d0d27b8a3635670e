package io.qtasks.client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;

/**
 * Enqueue inside transactions on the memory engine.
 *
 * @author QTasks contributors
 */
class MemoryTransactionalEnqueueTests extends TransactionalEnqueueTests {

	@Override
	ApplicationContextRunner engine() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class));
	}

}

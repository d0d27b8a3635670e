package io.qtasks.broker.memory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.broker.TaskEngineContractTests;

/**
 * The engine contract run against the in-memory broker and storage.
 *
 * @author QTasks contributors
 */
class MemoryTaskEngineTests extends TaskEngineContractTests {

	@Override
	protected ApplicationContextRunner engine() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class));
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms" };
	}

}

package io.qtasks.engine.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.qtasks.QTasks;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.engine.TaskEngineContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract run against the in-memory broker and storage.
 *
 * @author QTasks contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class MemoryTaskEngineTests extends TaskEngineContractTests {

	@Override
	protected ApplicationContextRunner engine() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class));
	}

	@Test
	void tasksStillQueuedWhenTheContextClosesAreReportedLost(CapturedOutput output) {
		List<UUID> queued = new ArrayList<>();
		engine().withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			queued.add(context.getBean(QTasks.class).addTask("anything", 1).uuid());
			queued.add(context.getBean(QTasks.class).addTask("anything", 2).uuid());
		});
		assertThat(output).contains("2 queued task(s) are lost: the memory engine keeps tasks only while this JVM"
				+ " runs (use the redis broker to keep them): " + queued);
	}

	@Test
	void aDeepQueueLostWithTheContextNamesItsFirstHundredTasks(CapturedOutput output) {
		List<UUID> queued = new ArrayList<>();
		engine().withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			for (int i = 0; i < 105; i++) {
				queued.add(context.getBean(QTasks.class).addTask("anything", i).uuid());
			}
		});
		assertThat(output).contains("105 queued task(s) are lost", queued.get(0).toString(),
				queued.get(99) + "] and 5 more");
		assertThat(output).doesNotContain(queued.get(100).toString());
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms" };
	}

}

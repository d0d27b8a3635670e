package io.qtasks.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.config.QTasksProperties;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;

/**
 * The in-memory engine: the default, needing no infrastructure. Its queue and its records
 * (with their events) each back off when the application defines its own, so that a queue
 * of another technology can be paired with records in memory, or the other way round; the
 * engine-neutral {@link io.qtasks.engine.SequencedTaskSteps} pairs them.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "memory", matchIfMissing = true)
class MemoryEngineConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TaskRecordStore.class)
	static class MemoryRecordsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MemoryTaskEvents qtasksMemoryTaskEvents() {
			return new MemoryTaskEvents();
		}

		@Bean
		MemoryTaskRecordStore qtasksMemoryTaskRecordStore(MemoryTaskEvents events, QTasksProperties properties) {
			return new MemoryTaskRecordStore(events, Clock.systemUTC(),
					QTasksSettings.positive(properties.getStorage().getFinishedTtl(), "qtasks.storage.finished-ttl"),
					QTasksSettings.positive(properties.getStorage().getFailedTtl(), "qtasks.storage.failed-ttl"));
		}

	}

	@Bean
	@ConditionalOnMissingBean(TaskQueue.class)
	MemoryTaskQueue qtasksMemoryTaskQueue() {
		return new MemoryTaskQueue(Clock.systemUTC());
	}

}

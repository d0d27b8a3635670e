package io.qtasks.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.memory.MemoryTaskBroker;
import io.qtasks.config.QTasksProperties;
import io.qtasks.storage.memory.MemoryTaskStorage;

/**
 * The in-memory broker and storage: the default, needing no infrastructure.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "memory", matchIfMissing = true)
@ConditionalOnMissingBean(TaskBroker.class)
class MemoryBrokerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryTaskStorage qtasksMemoryTaskStorage(QTasksProperties properties) {
		return new MemoryTaskStorage(Clock.systemUTC(), properties.getStorage().getFinishedTtl());
	}

	@Bean
	MemoryTaskBroker qtasksMemoryTaskBroker(MemoryTaskStorage storage) {
		return new MemoryTaskBroker(storage, Clock.systemUTC());
	}

}

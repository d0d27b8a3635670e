package io.qtasks.engine.redis;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.config.QTasksProperties;
import io.qtasks.engine.TaskEngineContractTests;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

/**
 * The engine contract run against a queue on one technology and records on another: the
 * Redis queue, on its own, paired with the records and events in memory by the
 * engine-neutral steps. Nothing of the worker, the client or the engine core knows.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisQueueWithMemoryRecordsTests extends TaskEngineContractTests {

	private final String name = RedisTestServer.uniqueName("paired");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Override
	protected ApplicationContextRunner engine() {
		return RedisTestApplications.runner(this.name).withUserConfiguration(MemoryRecords.class);
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.redis.reaper-interval=100ms" };
	}

	@Configuration(proxyBeanMethods = false)
	static class MemoryRecords {

		@Bean
		MemoryTaskEvents memoryTaskEvents() {
			return new MemoryTaskEvents();
		}

		@Bean
		MemoryTaskRecordStore memoryTaskRecordStore(MemoryTaskEvents events, QTasksProperties properties) {
			return new MemoryTaskRecordStore(events, Clock.systemUTC(), properties.getStorage().getFinishedTtl(),
					properties.getStorage().getFailedTtl());
		}

	}

}

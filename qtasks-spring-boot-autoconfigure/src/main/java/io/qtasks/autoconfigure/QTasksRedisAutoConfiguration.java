package io.qtasks.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.config.QTasksProperties;
import io.qtasks.engine.redis.RedisEngineLifecycle;
import io.qtasks.engine.redis.RedisEngineSettings;
import io.qtasks.engine.redis.RedisEvictionPolicy;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.engine.redis.RedisMaintenance;
import io.qtasks.engine.redis.RedisSubscriptions;
import io.qtasks.engine.redis.RedisTaskCodec;
import io.qtasks.engine.redis.RedisTaskEvents;
import io.qtasks.engine.redis.RedisTaskQueue;
import io.qtasks.engine.redis.RedisTaskRecordStore;
import io.qtasks.engine.redis.RedisTaskScheduleStore;
import io.qtasks.engine.redis.RedisTaskSteps;
import io.qtasks.engine.redis.RedisWorkerNodeRegistry;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * Auto-configuration of the Redis engine, active with {@code qtasks.broker.type=redis}:
 * its queue, records, events and fused steps, its schedules (with the fused steps), its
 * housekeeping and the node registry, each backing off when the application defines its
 * own. Connects through Spring Data Redis with Spring Boot's {@code spring.data.redis.*}
 * settings; {@code qtasks.redis.*} tunes leases and housekeeping, read from the
 * {@code QTasksProperties} that {@link QTasksAutoConfiguration} binds (so that both see
 * one {@code qtasks.name}).
 *
 * @author QTasks contributors
 */
@AutoConfiguration(before = QTasksAutoConfiguration.class,
		after = { DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "redis")
public final class QTasksRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisEngineSettings qtasksRedisEngineSettings(QTasksProperties properties,
			ObjectProvider<DataRedisProperties> redisProperties) {
		DataRedisProperties redis = redisProperties.getIfAvailable();
		return QTasksSettings.redis(properties, (redis != null) ? redis.getTimeout() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisKeys qtasksRedisKeys(QTasksProperties properties) {
		return new RedisKeys(properties.getName());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisTaskCodec qtasksRedisTaskCodec(TaskJsonMapper json) {
		return new RedisTaskCodec(json);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisSubscriptions qtasksRedisSubscriptions(RedisConnectionFactory connectionFactory) {
		return new RedisSubscriptions(connectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean(TaskRecordStore.class)
	RedisTaskRecordStore qtasksRedisTaskRecordStore(RedisConnectionFactory connectionFactory, RedisKeys keys,
			RedisTaskCodec codec, RedisEngineSettings settings) {
		return new RedisTaskRecordStore(engineTemplate(connectionFactory), keys, codec, settings);
	}

	@Bean
	@ConditionalOnMissingBean(TaskQueue.class)
	RedisTaskQueue qtasksRedisTaskQueue(RedisConnectionFactory connectionFactory, RedisKeys keys, RedisTaskCodec codec,
			RedisEngineSettings settings, ObjectProvider<TaskRecordStore> records, RedisSubscriptions subscriptions) {
		RedisTaskQueue queue = new RedisTaskQueue(engineTemplate(connectionFactory), keys, codec, settings,
				records.getIfUnique() instanceof RedisTaskRecordStore);
		queue.subscribe(subscriptions);
		return queue;
	}

	@Bean
	@ConditionalOnMissingBean(TaskEvents.class)
	@ConditionalOnBean(RedisTaskRecordStore.class)
	RedisTaskEvents qtasksRedisTaskEvents(RedisConnectionFactory connectionFactory, RedisTaskRecordStore records,
			RedisTaskCodec codec, RedisKeys keys, RedisSubscriptions subscriptions) {
		RedisTaskEvents events = new RedisTaskEvents(records, codec, engineTemplate(connectionFactory), keys);
		events.subscribe(keys, subscriptions);
		return events;
	}

	@Bean
	@ConditionalOnMissingBean(TaskSteps.class)
	@ConditionalOnBean({ RedisTaskQueue.class, RedisTaskRecordStore.class })
	RedisTaskSteps qtasksRedisTaskSteps(RedisConnectionFactory connectionFactory, RedisKeys keys, RedisTaskCodec codec,
			RedisEngineSettings settings, RedisTaskRecordStore records, RedisTaskQueue queue) {
		return new RedisTaskSteps(engineTemplate(connectionFactory), keys, codec, settings, records, queue);
	}

	@Bean
	@ConditionalOnMissingBean(TaskScheduleStore.class)
	@ConditionalOnBean(RedisTaskSteps.class)
	RedisTaskScheduleStore qtasksRedisTaskScheduleStore(RedisConnectionFactory connectionFactory, RedisKeys keys,
			RedisTaskCodec codec) {
		return new RedisTaskScheduleStore(engineTemplate(connectionFactory), keys, codec);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisEngineLifecycle qtasksRedisEngineLifecycle(RedisConnectionFactory connectionFactory, RedisKeys keys,
			RedisEngineSettings settings, RedisSubscriptions subscriptions, ObjectProvider<TaskRecordStore> records,
			ObjectProvider<RedisTaskEvents> events, QTasksProperties properties) {
		StringRedisTemplate redis = engineTemplate(connectionFactory);
		RedisMaintenance maintenance = new RedisMaintenance(redis, keys,
				records.getIfUnique() instanceof RedisTaskRecordStore);
		Runnable housekeeping = () -> {
			maintenance.run();
			events.ifAvailable(RedisTaskEvents::renewWaiting);
		};
		return new RedisEngineLifecycle(subscriptions, housekeeping, settings.reaperInterval(),
				new RedisEvictionPolicy(redis, properties.getRedis().isAllowEviction()));
	}

	@Bean
	@ConditionalOnMissingBean(WorkerNodeRegistry.class)
	RedisWorkerNodeRegistry qtasksRedisWorkerNodeRegistry(RedisConnectionFactory connectionFactory, RedisKeys keys,
			RedisTaskCodec codec, RedisEngineSettings settings) {
		return new RedisWorkerNodeRegistry(engineTemplate(connectionFactory), keys, codec,
				settings.heartbeatInterval());
	}

	/**
	 * A template for one part of the engine. The engine's callbacks never close the
	 * connection they are given, so the template hands it over as it is, rather than
	 * behind a JDK proxy built for every command and script call.
	 */
	private static StringRedisTemplate engineTemplate(RedisConnectionFactory connectionFactory) {
		StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
		template.setExposeConnection(true);
		return template;
	}

	/**
	 * Without {@code spring.data.redis.timeout}, Lettuce waits 60 seconds for a command,
	 * longer than the default lease: a Redis that stops answering would let every lease
	 * run out before a heartbeat fails. Commands then time out after one heartbeat
	 * interval instead.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	static class CommandTimeoutConfiguration {

		@Bean
		LettuceClientConfigurationBuilderCustomizer qtasksLettuceCommandTimeout(RedisEngineSettings settings,
				ObjectProvider<DataRedisProperties> redisProperties) {
			DataRedisProperties redis = redisProperties.getIfAvailable();
			if (redis != null && redis.getTimeout() != null) {
				return (builder) -> {
				};
			}
			Duration timeout = settings.heartbeatInterval();
			return (builder) -> builder.commandTimeout(timeout);
		}

	}

}

package io.qtasks.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.redis.RedisTaskBroker;
import io.qtasks.broker.redis.RedisWorkerNodeRegistry;
import io.qtasks.config.QTasksProperties;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.redis.RedisKeys;
import io.qtasks.storage.redis.RedisSubscriptions;
import io.qtasks.storage.redis.RedisTaskCodec;
import io.qtasks.storage.redis.RedisTaskStorage;
import io.qtasks.broker.WorkerNodeRegistry;

/**
 * Auto-configuration of the Redis broker and storage, active with
 * {@code qtasks.broker.type=redis}. Connects through Spring Data Redis with Spring Boot's
 * {@code spring.data.redis.*} settings; {@code qtasks.redis.*} tunes leases and
 * maintenance.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(before = QTasksAutoConfiguration.class,
		after = { DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "redis")
@EnableConfigurationProperties(QTasksProperties.class)
public final class QTasksRedisAutoConfiguration {

	private static final Clock CLOCK = Clock.systemUTC();

	@Bean
	@ConditionalOnMissingBean
	RedisSubscriptions qtasksRedisSubscriptions(RedisConnectionFactory connectionFactory) {
		return new RedisSubscriptions(connectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean(TaskStorage.class)
	RedisTaskStorage qtasksRedisTaskStorage(RedisConnectionFactory connectionFactory, QTasksProperties properties,
			TaskJsonMapper json, RedisSubscriptions subscriptions) {
		return new RedisTaskStorage(new StringRedisTemplate(connectionFactory), keys(properties),
				new RedisTaskCodec(json), subscriptions);
	}

	@Bean
	@ConditionalOnMissingBean(TaskBroker.class)
	RedisTaskBroker qtasksRedisTaskBroker(RedisConnectionFactory connectionFactory, QTasksProperties properties,
			TaskJsonMapper json, RedisSubscriptions subscriptions) {
		QTasksProperties.Redis redis = properties.getRedis();
		RedisTaskBroker.Timing timing = new RedisTaskBroker.Timing(redis.getLease(), redis.getHeartbeatInterval(),
				redis.getReaperInterval(), properties.getStorage().getFinishedTtl());
		return new RedisTaskBroker(new StringRedisTemplate(connectionFactory), keys(properties),
				new RedisTaskCodec(json), subscriptions, timing, CLOCK);
	}

	@Bean
	@ConditionalOnMissingBean(WorkerNodeRegistry.class)
	RedisWorkerNodeRegistry qtasksRedisWorkerNodeRegistry(RedisConnectionFactory connectionFactory,
			QTasksProperties properties, TaskJsonMapper json) {
		return new RedisWorkerNodeRegistry(new StringRedisTemplate(connectionFactory), keys(properties),
				new RedisTaskCodec(json), properties.getRedis().getHeartbeatInterval());
	}

	private static RedisKeys keys(QTasksProperties properties) {
		return new RedisKeys(properties.getName());
	}

}

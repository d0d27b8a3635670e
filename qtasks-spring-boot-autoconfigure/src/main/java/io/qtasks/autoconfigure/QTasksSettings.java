package io.qtasks.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

import io.qtasks.client.ClientSettings;
import io.qtasks.config.QTasksJdbcProperties;
import io.qtasks.config.QTasksProperties;
import io.qtasks.config.QTasksRedisProperties;
import io.qtasks.config.QTasksRetryProperties;
import io.qtasks.config.QTasksScheduleProperties;
import io.qtasks.config.QTasksWorkerProperties;
import io.qtasks.definition.TaskBackoff;
import io.qtasks.definition.TaskDefaults;
import io.qtasks.definition.TaskQueues;
import io.qtasks.engine.jdbc.JdbcEngineSettings;
import io.qtasks.engine.redis.RedisEngineSettings;
import io.qtasks.execution.RunSettings;
import io.qtasks.invocation.InvocationSettings;
import io.qtasks.schedule.ScheduleSettings;
import io.qtasks.worker.WorkerSettings;

/**
 * Maps the {@code qtasks.*} properties onto the settings objects the runtime takes, and
 * rejects values that cannot work with a message naming the property. The runtime knows
 * values, not property names.
 *
 * @author QTasks contributors
 */
final class QTasksSettings {

	private QTasksSettings() {
	}

	static WorkerSettings worker(QTasksProperties properties, boolean virtualThreads) {
		QTasksWorkerProperties worker = properties.getWorker();
		atLeastOne(worker.getConcurrency(), "qtasks.worker.concurrency");
		notNegative(worker.getShutdownTimeout(), "qtasks.worker.shutdown-timeout");
		notNegative(worker.getUnknownTaskTimeout(), "qtasks.worker.unknown-task-timeout");
		WorkerSettings.Builder settings = WorkerSettings.builder().virtualThreads(virtualThreads);
		PropertyMapper map = PropertyMapper.get();
		map.from(worker::getConcurrency).to(settings::concurrency);
		map.from(worker::getShutdownTimeout).to(settings::shutdownTimeout);
		map.from(worker::getUnknownTaskTimeout).to(settings::unknownTaskTimeout);
		worker.getQueues().forEach((queue) -> queueName(queue, "qtasks.worker.queues"));
		map.from(worker::getQueues).whenNot(List::isEmpty).as(Set::copyOf).to(settings::queues);
		worker.getQueueConcurrency().forEach((queue, slots) -> {
			queueName(queue, "qtasks.worker.queue-concurrency");
			if (slots == null || slots < 1) {
				throw new IllegalArgumentException(
						"qtasks.worker.queue-concurrency." + queue + " must be at least 1, was " + slots);
			}
		});
		map.from(worker::getQueueConcurrency).to(settings::queueConcurrency);
		return settings.build();
	}

	private static void queueName(String queue, String property) {
		if (!TaskQueues.isValid(queue)) {
			throw new IllegalArgumentException(
					property + ": '" + queue + "' is not a queue name (1 to 100 letters, digits, '.', '_' or '-')");
		}
	}

	static RunSettings run(QTasksProperties properties) {
		QTasksWorkerProperties worker = properties.getWorker();
		atLeastOne(worker.getMaxDeliveries(), "qtasks.worker.max-deliveries");
		notNegative(worker.getProgressInterval(), "qtasks.worker.progress-interval");
		return new RunSettings(worker.getProgressInterval(), worker.getMaxDeliveries());
	}

	static ClientSettings client(QTasksProperties properties) {
		return new ClientSettings(properties.getMaxPayloadSize(), properties.getDefaultPriority(),
				properties.getRetry().getRetries());
	}

	static ScheduleSettings schedules(QTasksProperties properties) {
		QTasksScheduleProperties schedules = properties.getSchedules();
		notNegative(schedules.getMisfireThreshold(), "qtasks.schedules.misfire-threshold");
		return new ScheduleSettings(schedules.getMisfireThreshold(),
				positive(schedules.getRefreshInterval(), "qtasks.schedules.refresh-interval"));
	}

	static InvocationSettings invocation(QTasksProperties properties) {
		return new InvocationSettings(notNegative(properties.getMaxResultSize(), "qtasks.max-result-size"));
	}

	static TaskDefaults taskDefaults(QTasksProperties properties) {
		QTasksRetryProperties.Backoff backoff = properties.getRetry().getBackoff();
		notNegative(backoff.getDelay(), "qtasks.retry.backoff.delay");
		notNegative(backoff.getJitter(), "qtasks.retry.backoff.jitter");
		if (!(backoff.getMultiplier() >= 1.0)) {
			throw new IllegalArgumentException(
					"qtasks.retry.backoff.multiplier must be at least 1, was " + backoff.getMultiplier());
		}
		return new TaskDefaults(
				properties.getDefaultPriority(), properties.getRetry().getRetries(), new TaskBackoff(backoff.getDelay(),
						backoff.getMultiplier(), backoff.getMaxDelay(), backoff.getJitter()),
				properties.getDefaultTimeout());
	}

	static RedisEngineSettings redis(QTasksProperties properties, @Nullable Duration commandTimeout) {
		QTasksRedisProperties redis = properties.getRedis();
		Duration lease = positive(redis.getLease(), "qtasks.redis.lease");
		Duration heartbeat = (redis.getHeartbeatInterval() != null)
				? positive(redis.getHeartbeatInterval(), "qtasks.redis.heartbeat-interval") : lease.dividedBy(3);
		if (heartbeat.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("qtasks.redis.heartbeat-interval (" + heartbeat
					+ ") must be shorter than qtasks.redis.lease (" + lease + "), or leases run out while tasks still"
					+ " run; leave it unset for a third of the lease");
		}
		if (commandTimeout != null && commandTimeout.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("spring.data.redis.timeout (" + commandTimeout
					+ ") must be shorter than qtasks.redis.lease (" + lease + "): a Redis that stops answering would"
					+ " hold a heartbeat until every lease it should keep has run out");
		}
		return new RedisEngineSettings(lease, heartbeat,
				positive(redis.getReaperInterval(), "qtasks.redis.reaper-interval"),
				positive(properties.getStorage().getFinishedTtl(), "qtasks.storage.finished-ttl"),
				positive(properties.getStorage().getFailedTtl(), "qtasks.storage.failed-ttl"));
	}

	static JdbcEngineSettings jdbc(QTasksProperties properties) {
		QTasksJdbcProperties jdbc = properties.getJdbc();
		Duration lease = positive(jdbc.getLease(), "qtasks.jdbc.lease");
		Duration heartbeat = (jdbc.getHeartbeatInterval() != null)
				? positive(jdbc.getHeartbeatInterval(), "qtasks.jdbc.heartbeat-interval") : lease.dividedBy(3);
		if (heartbeat.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("qtasks.jdbc.heartbeat-interval (" + heartbeat
					+ ") must be shorter than qtasks.jdbc.lease (" + lease + "), or leases run out while tasks still"
					+ " run; leave it unset for a third of the lease");
		}
		if (jdbc.getCompletionsInFlight() < 1) {
			throw new IllegalArgumentException(
					"qtasks.jdbc.completions-in-flight must be at least 1, was " + jdbc.getCompletionsInFlight());
		}
		return new JdbcEngineSettings(lease, heartbeat,
				positive(jdbc.getReaperInterval(), "qtasks.jdbc.reaper-interval"),
				positive(jdbc.getPollInterval(), "qtasks.jdbc.poll-interval"),
				positive(properties.getStorage().getFinishedTtl(), "qtasks.storage.finished-ttl"),
				positive(properties.getStorage().getFailedTtl(), "qtasks.storage.failed-ttl"),
				jdbc.getCompletionsInFlight(), jdbc.isFlushOutcomes());
	}

	static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.toMillis() < 1) {
			throw new IllegalArgumentException(property + " must be at least 1ms, was " + value);
		}
		return value;
	}

	static void atLeastOne(int value, String property) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, was " + value);
		}
	}

	static @Nullable DataSize notNegative(@Nullable DataSize value, String property) {
		if (value != null && value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, was " + value);
		}
		return value;
	}

	static void notNegative(@Nullable Duration value, String property) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, was " + value);
		}
	}

}

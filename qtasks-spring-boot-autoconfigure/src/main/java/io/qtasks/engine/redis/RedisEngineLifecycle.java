package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.engine.LifecyclePhases;

/**
 * Starts and stops the Redis engine's own parts with the application context: the
 * subscriptions, and the housekeeping on a thread of its own every reaper interval, once
 * the eviction policy of Redis has been checked. It starts after the connection factory
 * and stops after the worker, before the connection factory.
 *
 * @author QTasks contributors
 */
public class RedisEngineLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisEngineLifecycle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final RedisSubscriptions subscriptions;

	private final RedisMaintenance maintenance;

	private final Duration reaperInterval;

	private final RedisEvictionPolicy evictionPolicy;

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService housekeeping;

	/**
	 * Creates the lifecycle.
	 * @param subscriptions the engine's subscriptions
	 * @param maintenance the housekeeping
	 * @param reaperInterval how often the housekeeping runs
	 * @param evictionPolicy the check of the eviction policy of Redis, made at start
	 */
	public RedisEngineLifecycle(RedisSubscriptions subscriptions, RedisMaintenance maintenance, Duration reaperInterval,
			RedisEvictionPolicy evictionPolicy) {
		this.subscriptions = subscriptions;
		this.maintenance = maintenance;
		this.reaperInterval = reaperInterval;
		this.evictionPolicy = evictionPolicy;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.housekeeping != null) {
				return;
			}
			this.evictionPolicy.check();
			this.subscriptions.start();
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-redis-maintenance-");
			threads.setDaemon(true);
			this.housekeeping = Executors.newSingleThreadScheduledExecutor(threads);
			this.housekeeping.scheduleWithFixedDelay(this::housekeep, 0, this.reaperInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.housekeeping == null) {
				return;
			}
			this.housekeeping.shutdown();
			try {
				if (!this.housekeeping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("Redis engine maintenance did not stop within {}", STOP_TIMEOUT);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.housekeeping = null;
			this.subscriptions.stop();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.housekeeping != null;
		}
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.ENGINE;
	}

	private void housekeep() {
		try {
			this.maintenance.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis engine maintenance failed: {}",
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

}

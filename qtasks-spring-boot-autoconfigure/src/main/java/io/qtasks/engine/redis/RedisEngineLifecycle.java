package io.qtasks.engine.redis;

import java.time.Duration;

import io.qtasks.engine.EngineLifecycleSupport;

/**
 * Starts and stops the Redis engine's own parts with the application context: the
 * subscriptions, and the housekeeping on a thread of its own every reaper interval, once
 * the eviction policy of Redis has been checked. It starts after the connection factory
 * and stops after the worker, before the connection factory.
 *
 * @author QTasks contributors
 */
public class RedisEngineLifecycle extends EngineLifecycleSupport {

	private final RedisSubscriptions subscriptions;

	private final RedisEvictionPolicy evictionPolicy;

	/**
	 * Creates the lifecycle.
	 * @param subscriptions the engine's subscriptions
	 * @param maintenance the housekeeping ({@link RedisMaintenance}, and what else runs
	 * with it)
	 * @param reaperInterval how often the housekeeping runs
	 * @param evictionPolicy the check of the eviction policy of Redis, made at start
	 */
	public RedisEngineLifecycle(RedisSubscriptions subscriptions, Runnable maintenance, Duration reaperInterval,
			RedisEvictionPolicy evictionPolicy) {
		super("Redis", maintenance, reaperInterval);
		this.subscriptions = subscriptions;
		this.evictionPolicy = evictionPolicy;
	}

	@Override
	protected void startParts() {
		this.evictionPolicy.check();
		this.subscriptions.start();
	}

	@Override
	protected void stopParts() {
		this.subscriptions.stop();
	}

}

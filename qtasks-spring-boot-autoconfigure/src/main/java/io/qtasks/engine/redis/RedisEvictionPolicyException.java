package io.qtasks.engine.redis;

/**
 * Thrown at start-up when Redis may evict any key under memory pressure (an
 * {@code allkeys-*} {@code maxmemory-policy}), which would lose queued tasks and claims,
 * and {@code qtasks.redis.allow-eviction} is not set.
 *
 * @author QTasks contributors
 */
public class RedisEvictionPolicyException extends IllegalStateException {

	private final String policy;

	/**
	 * Creates the exception.
	 * @param policy the policy Redis reported
	 */
	public RedisEvictionPolicyException(String policy) {
		super("Redis runs with maxmemory-policy " + policy
				+ ": under memory pressure it may evict any key, losing queued tasks and claims");
		this.policy = policy;
	}

	/**
	 * The policy Redis reported.
	 * @return the policy, such as {@code allkeys-lru}
	 */
	public String getPolicy() {
		return this.policy;
	}

}

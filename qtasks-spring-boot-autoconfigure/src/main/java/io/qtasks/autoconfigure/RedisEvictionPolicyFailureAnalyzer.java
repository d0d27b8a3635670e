package io.qtasks.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.qtasks.engine.redis.RedisEvictionPolicyException;

/**
 * Explains a start-up refused because Redis may evict any key.
 *
 * @author QTasks contributors
 */
class RedisEvictionPolicyFailureAnalyzer extends AbstractFailureAnalyzer<RedisEvictionPolicyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisEvictionPolicyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Run the Redis that holds the tasks with maxmemory-policy noeviction (CONFIG SET maxmemory-policy"
						+ " noeviction, or in redis.conf), or give QTasks a Redis of its own. To accept losing tasks"
						+ " under memory pressure, set qtasks.redis.allow-eviction=true.",
				cause);
	}

}

package io.qtasks.engine.redis;

import java.util.Locale;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Checks, as the engine starts, that Redis will not evict its keys. A Redis that evicts
 * under memory pressure drops queued tasks and claims without a trace: with an
 * {@code allkeys-*} policy any key may go, so start-up fails unless eviction is allowed
 * on purpose; any other policy but {@code noeviction} (a {@code volatile-*} one drops
 * finished records before their time) is a warning. A Redis that does not let clients
 * read its configuration (some managed services) is a warning too.
 *
 * @author QTasks contributors
 */
public class RedisEvictionPolicy {

	private static final Logger logger = LoggerFactory.getLogger(RedisEvictionPolicy.class);

	private static final String PARAMETER = "maxmemory-policy";

	private static final String NO_EVICTION = "noeviction";

	private final StringRedisTemplate redis;

	private final boolean evictionAllowed;

	/**
	 * Creates the check.
	 * @param redis the Redis to ask
	 * @param evictionAllowed whether an {@code allkeys-*} policy is accepted (with a
	 * warning) rather than refused
	 */
	public RedisEvictionPolicy(StringRedisTemplate redis, boolean evictionAllowed) {
		this.redis = redis;
		this.evictionAllowed = evictionAllowed;
	}

	/**
	 * Reads the policy and warns about it or refuses it.
	 * @throws RedisEvictionPolicyException when Redis may evict any key and that is not
	 * allowed
	 */
	public void check() {
		String policy = read();
		if (policy == null || NO_EVICTION.equals(policy)) {
			return;
		}
		if (policy.startsWith("allkeys-")) {
			if (!this.evictionAllowed) {
				throw new RedisEvictionPolicyException(policy);
			}
			logger.warn("Redis runs with maxmemory-policy {}: under memory pressure it may evict queued tasks and"
					+ " claims, which are then lost (allowed by qtasks.redis.allow-eviction)", policy);
			return;
		}
		logger.warn(
				"Redis runs with maxmemory-policy {}: under memory pressure it may evict keys with a time to live,"
						+ " such as finished task records before qtasks.storage.finished-ttl; noeviction keeps them",
				policy);
	}

	private @Nullable String read() {
		try {
			Properties config = this.redis
				.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().getConfig(PARAMETER));
			String policy = (config != null) ? config.getProperty(PARAMETER) : null;
			if (policy == null) {
				logger.warn("Redis did not report its maxmemory-policy; make sure it is noeviction, or it may evict"
						+ " queued tasks under memory pressure");
				return null;
			}
			return policy.toLowerCase(Locale.ROOT);
		}
		catch (DataAccessException ex) {
			logger.warn(
					"Could not read the maxmemory-policy of Redis ({}); make sure it is noeviction, or it may"
							+ " evict queued tasks under memory pressure",
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
			return null;
		}
	}

}

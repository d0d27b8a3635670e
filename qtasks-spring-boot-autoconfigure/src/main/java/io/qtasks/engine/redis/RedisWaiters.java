package io.qtasks.engine.redis;

import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.engine.WaiterListing;

/**
 * This node's entry in the list of nodes that wait for results ({@code waiters}): the
 * scripts that end tasks publish the ends only while some node is listed, so that a busy
 * application whose callers do not wait spends no message per task ({@link WaiterListing}
 * says when the entry is written and taken out; it lingers up to one reaper interval
 * after the last waiter).
 *
 * @author QTasks contributors
 */
final class RedisWaiters {

	private static final RedisScript<Long> REGISTER = RedisScripts.load(RedisWaiters.class, "waiter-register.lua",
			Long.class);

	private RedisWaiters() {
	}

	/**
	 * This node's listing under the given keys.
	 * @param redis the engine's Redis access
	 * @param keys the key names
	 * @return the listing
	 */
	static WaiterListing listing(StringRedisTemplate redis, RedisKeys keys) {
		String nodeId = UUID.randomUUID().toString();
		return new WaiterListing(
				() -> redis.execute(REGISTER, List.of(keys.waiters()), nodeId,
						String.valueOf(WaiterListing.REGISTRATION.toMillis())),
				() -> redis.opsForZSet().remove(keys.waiters(), nodeId));
	}

}

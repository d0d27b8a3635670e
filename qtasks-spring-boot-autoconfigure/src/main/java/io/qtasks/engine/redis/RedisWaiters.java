package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * This node's entry in the list of nodes that wait for results ({@code waiters}): the
 * scripts that end tasks publish the ends only while some node is listed, so that a busy
 * application whose callers do not wait spends no message per task. A node lists itself
 * before its first waiter reads the record, and again whenever half of the registration
 * has passed while anyone here still waits; the housekeeping takes the entry out once
 * nobody here waits (so it lingers up to one reaper interval after the last waiter).
 *
 * @author QTasks contributors
 */
final class RedisWaiters {

	private static final RedisScript<Long> REGISTER = RedisScripts.load(RedisWaiters.class, "waiter-register.lua",
			Long.class);

	/**
	 * How long a registration lasts: long enough that a node renews it rarely, short
	 * enough that the ends of tasks are not published long after the last waiter left.
	 */
	static final Duration REGISTRATION = Duration.ofSeconds(60);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final String nodeId = UUID.randomUUID().toString();

	private long renewAfter = System.nanoTime();

	private boolean listed;

	RedisWaiters(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Lists this node as waiting unless its registration is fresh.
	 */
	synchronized void ensureListed() {
		if (System.nanoTime() - this.renewAfter >= 0) {
			list();
		}
	}

	/**
	 * Lists this node as waiting, whatever its registration: after a reconnect, Redis may
	 * have lost it.
	 */
	synchronized void list() {
		long started = System.nanoTime();
		// should the call fail, the next waiter or renewal tries again
		this.renewAfter = started;
		this.redis.execute(REGISTER, List.of(this.keys.waiters()), this.nodeId,
				String.valueOf(REGISTRATION.toMillis()));
		this.renewAfter = started + REGISTRATION.toNanos() / 2;
		this.listed = true;
	}

	/**
	 * Takes this node's entry out, when it is listed and nobody here waits. The check is
	 * made under the lock that {@link #ensureListed()} takes, so that a waiter that
	 * registered meanwhile either keeps the entry or lists the node again.
	 * @param nobodyWaits whether nobody here waits
	 */
	synchronized void unlistIf(BooleanSupplier nobodyWaits) {
		if (this.listed && nobodyWaits.getAsBoolean()) {
			this.listed = false;
			this.renewAfter = System.nanoTime();
			this.redis.opsForZSet().remove(this.keys.waiters(), this.nodeId);
		}
	}

}

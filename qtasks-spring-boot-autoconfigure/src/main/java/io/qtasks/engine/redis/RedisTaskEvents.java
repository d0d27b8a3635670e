package io.qtasks.engine.redis;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.engine.ListedWaitersTaskEvents;

/**
 * The events of the Redis engine, over its pub/sub channels: completions wake the waiters
 * of this node, cancel requests reach the listeners of this node. Messages are hints:
 * after a reconnect the waiters look their tasks up, and the listeners are told that
 * requests may have been missed. Ends of tasks are published only while a node waits for
 * results, so a node lists itself as waiting before its waiters read their records.
 *
 * @author QTasks contributors
 */
public class RedisTaskEvents extends ListedWaitersTaskEvents {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskEvents.class);

	private final RedisTaskRecordStore records;

	private final RedisTaskCodec codec;

	/**
	 * Creates the events; {@link #subscribe(RedisKeys, RedisSubscriptions)} before use.
	 * @param records where the waiters look their tasks up
	 * @param codec reads the cancel messages
	 * @param redis the Redis access, to list this node as waiting
	 * @param keys the application's key names
	 */
	public RedisTaskEvents(RedisTaskRecordStore records, RedisTaskCodec codec, StringRedisTemplate redis,
			RedisKeys keys) {
		super(RedisWaiters.listing(redis, keys));
		this.records = records;
		this.codec = codec;
	}

	/**
	 * Listens to the channels of completions and cancel requests.
	 * @param keys the application's key names
	 * @param subscriptions the engine's subscriptions
	 */
	public void subscribe(RedisKeys keys, RedisSubscriptions subscriptions) {
		subscriptions.subscribe(keys.finishedChannel(), this::finished, this::catchUpOnFinished);
		subscriptions.subscribe(keys.cancelChannel(), this::cancelRequestedBy, this::catchUpOnCancelRequests);
	}

	private void finished(String message) {
		finishedHint(UUID.fromString(message), this.records);
	}

	private void catchUpOnFinished() {
		if (!waitedFor().isEmpty()) {
			try {
				// Redis may have lost the entry (a restart, a fail-over)
				waiters().list();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not list this node as waiting for results again: {}", ex.toString());
			}
		}
		catchUpOnFinished(this.records);
	}

	private void cancelRequestedBy(String message) {
		cancelRequested(this.codec.readValue(message, Map.class));
	}

	private void catchUpOnCancelRequests() {
		requestsMayHaveBeenMissed();
	}

}

package io.qtasks.engine.redis;

import java.util.Map;
import java.util.UUID;

import io.qtasks.engine.TaskEventsSupport;

/**
 * The events of the Redis engine, over its pub/sub channels: completions wake the waiters
 * of this node, cancel requests reach the listeners of this node. Messages are hints:
 * after a reconnect the waiters look their tasks up, and the listeners are told that
 * requests may have been missed.
 *
 * @author QTasks contributors
 */
public class RedisTaskEvents extends TaskEventsSupport {

	private final RedisTaskRecordStore records;

	private final RedisTaskCodec codec;

	/**
	 * Creates the events; {@link #subscribe(RedisKeys, RedisSubscriptions)} before use.
	 * @param records where the waiters look their tasks up
	 * @param codec reads the cancel messages
	 */
	public RedisTaskEvents(RedisTaskRecordStore records, RedisTaskCodec codec) {
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
		catchUpOnFinished(this.records);
	}

	private void cancelRequestedBy(String message) {
		cancelRequested(this.codec.readValue(message, Map.class));
	}

	private void catchUpOnCancelRequests() {
		requestsMayHaveBeenMissed();
	}

}

package io.qtasks.engine.redis;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskEventsSupport;
import io.qtasks.engine.spi.StoredTask;

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
		UUID uuid = UUID.fromString(message);
		if (isWaitedFor(uuid)) {
			lookUp(uuid);
		}
	}

	/**
	 * Completions published while this node was not subscribed are lost: looks up every
	 * task waited for.
	 */
	private void catchUpOnFinished() {
		waitedFor().forEach(this::lookUp);
	}

	private void lookUp(UUID uuid) {
		this.records.find(uuid).map(StoredTask::record).filter(Task::isFinished).ifPresent(this::finished);
	}

	private void cancelRequestedBy(String message) {
		Map<?, ?> request = this.codec.readValue(message, Map.class);
		UUID uuid = UUID.fromString(String.valueOf(request.get("uuid")));
		String token = text(request.get("token"));
		String reason = String.valueOf(request.get("reason"));
		cancelRequested(uuid, token, reason);
	}

	private void catchUpOnCancelRequests() {
		requestsMayHaveBeenMissed();
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

}

package io.qtasks.engine.redis;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskWaiters;
import io.qtasks.engine.spi.CancelRequestListener;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;

/**
 * The events of the Redis engine, over its pub/sub channels: completions wake the waiters
 * of this node, cancel requests reach the listeners of this node. Messages are hints:
 * after a reconnect the waiters look their tasks up, and the listeners are told that
 * requests may have been missed.
 *
 * @author QTasks contributors
 */
public class RedisTaskEvents implements TaskEvents {

	private final TaskWaiters waiters = new TaskWaiters();

	private final List<CancelRequestListener> listeners = new CopyOnWriteArrayList<>();

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
		subscriptions.subscribe(keys.cancelChannel(), this::cancelRequested, this::catchUpOnCancelRequests);
	}

	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		return this.waiters.register(uuid);
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.listeners.add(listener);
	}

	private void finished(String message) {
		UUID uuid = UUID.fromString(message);
		if (this.waiters.isWaitedFor(uuid)) {
			lookUp(uuid);
		}
	}

	/**
	 * Completions published while this node was not subscribed are lost: looks up every
	 * task waited for.
	 */
	private void catchUpOnFinished() {
		this.waiters.waitedFor().forEach(this::lookUp);
	}

	private void lookUp(UUID uuid) {
		this.records.find(uuid).map(StoredTask::record).filter(Task::isFinished).ifPresent(this.waiters::finished);
	}

	private void cancelRequested(String message) {
		Map<?, ?> request = this.codec.readValue(message, Map.class);
		UUID uuid = UUID.fromString(String.valueOf(request.get("uuid")));
		String token = text(request.get("token"));
		String reason = String.valueOf(request.get("reason"));
		this.listeners.forEach((listener) -> listener.cancelRequested(uuid, token, reason));
	}

	private void catchUpOnCancelRequests() {
		this.listeners.forEach(CancelRequestListener::requestsMayHaveBeenMissed);
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

}

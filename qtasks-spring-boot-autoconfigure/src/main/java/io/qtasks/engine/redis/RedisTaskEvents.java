package io.qtasks.engine.redis;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.Task;
import io.qtasks.engine.TaskEventsSupport;

/**
 * The events of the Redis engine, over its pub/sub channels: completions wake the waiters
 * of this node, cancel requests reach the listeners of this node. Messages are hints:
 * after a reconnect the waiters look their tasks up, and the listeners are told that
 * requests may have been missed. Ends of tasks are published only while a node waits for
 * results, so a node lists itself as waiting before its waiters read their records.
 *
 * @author QTasks contributors
 */
public class RedisTaskEvents extends TaskEventsSupport {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskEvents.class);

	private final RedisTaskRecordStore records;

	private final RedisTaskCodec codec;

	private final RedisWaiters waiters;

	/**
	 * Creates the events; {@link #subscribe(RedisKeys, RedisSubscriptions)} before use.
	 * @param records where the waiters look their tasks up
	 * @param codec reads the cancel messages
	 * @param redis the Redis access, to list this node as waiting
	 * @param keys the application's key names
	 */
	public RedisTaskEvents(RedisTaskRecordStore records, RedisTaskCodec codec, StringRedisTemplate redis,
			RedisKeys keys) {
		this.records = records;
		this.codec = codec;
		this.waiters = new RedisWaiters(redis, keys);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Lists this node as waiting first (one round trip when its registration is not
	 * fresh), so that the task's end is published.
	 * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
	 */
	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		CompletableFuture<Task> future = super.whenFinished(uuid);
		try {
			this.waiters.ensureListed();
		}
		catch (RuntimeException ex) {
			future.cancel(false);
			throw ex;
		}
		return future;
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

	/**
	 * Renews this node's listing as waiting while anyone here waits (for waits longer
	 * than a registration lasts), and takes it out once nobody here waits. The
	 * housekeeping calls it every reaper interval.
	 */
	public void renewWaiting() {
		if (!waitedFor().isEmpty()) {
			this.waiters.ensureListed();
		}
		else {
			this.waiters.unlistIf(() -> waitedFor().isEmpty());
		}
	}

	private void finished(String message) {
		finishedHint(UUID.fromString(message), this.records);
	}

	private void catchUpOnFinished() {
		if (!waitedFor().isEmpty()) {
			try {
				// Redis may have lost the entry (a restart, a fail-over)
				this.waiters.list();
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

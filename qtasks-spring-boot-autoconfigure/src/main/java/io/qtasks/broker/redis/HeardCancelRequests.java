package io.qtasks.broker.redis;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The cancel requests this node knows of: those its claims found on their tasks and those
 * announced since. A task this node runs learns of its cancel request from here without a
 * round trip; requests for tasks of other nodes are forgotten after a minute, which
 * covers the moment between a claim and its task's registration on this node.
 *
 * @author QTasks contributors
 */
final class HeardCancelRequests {

	private static final long RETENTION_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final int PRUNE_ABOVE = 1024;

	private final Map<UUID, Heard> requests = new ConcurrentHashMap<>();

	void put(UUID uuid, String reason) {
		this.requests.put(uuid, new Heard(reason, System.nanoTime()));
		if (this.requests.size() > PRUNE_ABOVE) {
			long now = System.nanoTime();
			this.requests.values().removeIf((heard) -> now - heard.at() > RETENTION_NANOS);
		}
	}

	Optional<String> get(UUID uuid) {
		Heard heard = this.requests.get(uuid);
		return (heard != null) ? Optional.of(heard.reason()) : Optional.empty();
	}

	void forget(UUID uuid) {
		this.requests.remove(uuid);
	}

	private record Heard(String reason, long at) {
	}

}

package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * The node registry in Redis, seen by every node of the application. A node's entry runs
 * out after three missed heartbeats (judged by the Redis server's clock).
 *
 * @author QTasks contributors
 */
public class RedisWorkerNodeRegistry implements WorkerNodeRegistry {

	private static final int MISSED_HEARTBEATS = 3;

	private static final RedisScript<Long> HEARTBEAT = RedisScripts.load(RedisWorkerNodeRegistry.class,
			"node-heartbeat.lua", Long.class);

	private static final RedisScript<List> LIST = RedisScripts.load(RedisWorkerNodeRegistry.class, "node-list.lua",
			List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final Duration heartbeatInterval;

	/**
	 * Creates a registry.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec writes and reads node descriptions
	 * @param heartbeatInterval how often nodes report
	 */
	public RedisWorkerNodeRegistry(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec,
			Duration heartbeatInterval) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.heartbeatInterval = heartbeatInterval;
	}

	@Override
	public Duration heartbeatInterval() {
		return this.heartbeatInterval;
	}

	@Override
	public void heartbeat(WorkerNode node) {
		this.redis.execute(HEARTBEAT, List.of(this.keys.nodes(), this.keys.nodeDeadlines()), node.id(),
				this.codec.writeValue(node),
				String.valueOf(this.heartbeatInterval.multipliedBy(MISSED_HEARTBEATS).toMillis()));
	}

	@Override
	public void remove(String nodeId) {
		this.redis.opsForHash().delete(this.keys.nodes(), nodeId);
		this.redis.opsForZSet().remove(this.keys.nodeDeadlines(), nodeId);
	}

	@Override
	public List<WorkerNode> liveNodes() {
		List<?> nodes = this.redis.execute(LIST, List.of(this.keys.nodes(), this.keys.nodeDeadlines()));
		return nodes.stream()
			.filter(Objects::nonNull)
			.map((json) -> this.codec.readValue((String) json, WorkerNode.class))
			.toList();
	}

}

package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * A node registry inside this JVM: it knows the workers of this process only. A node
 * drops out after three missed heartbeats.
 *
 * @author QTasks contributors
 */
public class MemoryWorkerNodeRegistry implements WorkerNodeRegistry {

	private static final int MISSED_HEARTBEATS = 3;

	private final Map<String, WorkerNode> nodes = new ConcurrentHashMap<>();

	private final Duration heartbeatInterval;

	private final Clock clock;

	/**
	 * Creates an empty registry.
	 * @param heartbeatInterval how often nodes report
	 * @param clock tells the time to judge liveness by
	 */
	public MemoryWorkerNodeRegistry(Duration heartbeatInterval, Clock clock) {
		this.heartbeatInterval = heartbeatInterval;
		this.clock = clock;
	}

	@Override
	public Duration heartbeatInterval() {
		return this.heartbeatInterval;
	}

	@Override
	public void heartbeat(WorkerNode node) {
		this.nodes.put(node.id(), node);
	}

	@Override
	public void remove(String nodeId) {
		this.nodes.remove(nodeId);
	}

	@Override
	public List<WorkerNode> liveNodes() {
		Instant oldest = this.clock.instant().minus(this.heartbeatInterval.multipliedBy(MISSED_HEARTBEATS));
		this.nodes.values().removeIf((node) -> node.lastHeartbeat().isBefore(oldest));
		return List.copyOf(this.nodes.values());
	}

}

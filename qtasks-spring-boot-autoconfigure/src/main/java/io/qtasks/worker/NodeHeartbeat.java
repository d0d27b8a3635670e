package io.qtasks.worker;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * Keeps this node registered while its worker runs: a heartbeat every
 * {@link WorkerNodeRegistry#heartbeatInterval()}, and removal on stop.
 *
 * @author QTasks contributors
 */
final class NodeHeartbeat extends PeriodicPart {

	private static final Logger logger = LoggerFactory.getLogger(NodeHeartbeat.class);

	private final String nodeId;

	private final WorkerNodeRegistry registry;

	private final Supplier<WorkerNode> node;

	NodeHeartbeat(String nodeId, WorkerNodeRegistry registry, Supplier<WorkerNode> node) {
		super("qtasks-node-heartbeat");
		this.nodeId = nodeId;
		this.registry = registry;
		this.node = node;
	}

	@Override
	Duration interval() {
		return this.registry.heartbeatInterval();
	}

	@Override
	void tick() {
		this.registry.heartbeat(this.node.get());
	}

	@Override
	void stopped() {
		try {
			this.registry.remove(this.nodeId);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove worker node {} from the registry: {}", this.nodeId, ex.toString());
		}
	}

}

package io.qtasks.node;

import java.time.Duration;
import java.util.List;

/**
 * Where worker nodes announce themselves, so that any node can list the live ones. A node
 * that stops sending heartbeats drops out after a few missed intervals.
 *
 * @author QTasks contributors
 */
public interface WorkerNodeRegistry {

	/**
	 * How often nodes should call {@link #heartbeat(WorkerNode)}.
	 * @return the interval
	 */
	Duration heartbeatInterval();

	/**
	 * Registers a node or refreshes its entry.
	 * @param node the node's current state
	 */
	void heartbeat(WorkerNode node);

	/**
	 * Removes a node that stops.
	 * @param nodeId the node's id
	 */
	void remove(String nodeId);

	/**
	 * The nodes whose heartbeat is current.
	 * @return the live nodes, in no particular order
	 */
	List<WorkerNode> liveNodes();

}

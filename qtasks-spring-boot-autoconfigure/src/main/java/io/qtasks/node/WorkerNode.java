package io.qtasks.node;

import java.time.Instant;
import java.util.List;

/**
 * A worker node as its registry knows it.
 *
 * @param id the worker's id ({@code QTasksWorker.getId()})
 * @param host the host the node runs on
 * @param concurrency how many tasks the node runs at once at most
 * @param startedAt when the node's worker started
 * @param inFlight how many tasks the node ran at its last heartbeat
 * @param lastHeartbeat when the node last reported
 * @param tasks the names of the tasks the node runs
 * @author QTasks contributors
 */
public record WorkerNode(String id, String host, int concurrency, Instant startedAt, int inFlight,
		Instant lastHeartbeat, List<String> tasks) {

	/**
	 * Takes a copy of the task names; a node described without them runs none.
	 */
	public WorkerNode {
		tasks = (tasks != null) ? List.copyOf(tasks) : List.of();
	}

}

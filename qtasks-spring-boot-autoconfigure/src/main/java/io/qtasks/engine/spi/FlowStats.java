package io.qtasks.engine.spi;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a queue reports of its flow: its due tasks by queue, name and limit key, and its
 * claims by task name and by queue, across every node.
 *
 * @param lanes the due tasks, one entry per queue, task name and limit key that has any
 * @param runningByTask the claims held now, by task name
 * @param runningByQueue the claims held now, by queue
 * @author QTasks contributors
 */
public record FlowStats(List<Lane> lanes, Map<String, Long> runningByTask, Map<String, Long> runningByQueue) {

	/**
	 * Takes unmodifiable copies.
	 */
	public FlowStats {
		lanes = List.copyOf(lanes);
		runningByTask = Map.copyOf(runningByTask);
		runningByQueue = Map.copyOf(runningByQueue);
	}

	/**
	 * The due tasks of one queue, name and limit key.
	 *
	 * @param queue the queue
	 * @param taskName the task name
	 * @param limitKey the limit key, or {@code null}
	 * @param due how many are due
	 * @param limited whether they wait for their cap or rate (by the limits the stats
	 * were asked with)
	 */
	public record Lane(String queue, String taskName, @Nullable String limitKey, long due, boolean limited) {

	}

}

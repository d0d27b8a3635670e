package io.qtasks.engine;

import java.util.Map;
import java.util.SortedMap;
import java.util.List;

import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;

/**
 * What an engine holds, for the actuator, the metrics and the health indicator: the
 * records by status, the due and waiting tasks, the flow stats of queues and limits, and
 * the queue entries set aside. Obtained from {@link TaskEngine#stats()}; on a shared
 * engine the numbers are those of every node.
 *
 * @author QTasks contributors
 */
public final class EngineStats {

	private final TaskQueue queue;

	private final TaskRecordStore records;

	EngineStats(TaskQueue queue, TaskRecordStore records) {
		this.queue = queue;
		this.records = records;
	}

	/**
	 * Counts the stored records by status.
	 * @return a count for every status
	 */
	public Map<TaskStatus, Long> countByStatus() {
		return this.records.countByStatus();
	}

	/**
	 * How many tasks are due and wait for a worker.
	 * @return the count
	 */
	public long pendingCount() {
		return this.queue.pendingCount();
	}

	/**
	 * How many tasks wait for an instant (a retry's pause, a delay).
	 * @return the count
	 */
	public long waitingCount() {
		return this.queue.waitingCount();
	}

	/**
	 * How many tasks are due, by priority.
	 * @return the counts, lowest priority first
	 */
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.queue.pendingCountByPriority();
	}

	/**
	 * How many tasks are due, by task name.
	 * @return the counts of the names that have due tasks
	 */
	public Map<String, Long> pendingCountByTaskName() {
		return this.queue.pendingCountByTaskName();
	}

	/**
	 * The due tasks by queue, name and limit key, and the claims held by task name and by
	 * queue, across every node.
	 * @param limits the limits of task names, to tell which due tasks wait for one
	 * @return the stats
	 */
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return this.queue.flowStats(limits);
	}

	/**
	 * The queue entries that named no queued task, which the queue set aside, newest
	 * first.
	 * @param max the most to report
	 * @return the entries
	 */
	public List<DeadLetter> deadLetters(int max) {
		return this.queue.deadLetters(max);
	}

}

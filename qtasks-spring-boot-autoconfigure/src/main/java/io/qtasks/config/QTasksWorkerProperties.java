package io.qtasks.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qtasks.config.QTasksProperties.WorkerMode;

/**
 * Worker settings.
 * <p>
 * Bound under {@code qtasks.worker.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksWorkerProperties {

	/**
	 * Whether this node runs tasks. Turn off for client-only nodes that just enqueue.
	 */
	private boolean enabled = true;

	/**
	 * How this node runs tasks: 'pool' claims them in the background on the worker's
	 * pool; 'inline', for tests, runs each task on the thread that adds it, so that add()
	 * returns the finished record, and retries at once without waiting for their backoff.
	 */
	private WorkerMode mode = WorkerMode.POOL;

	/**
	 * How many tasks this node runs at once; the worker takes no more work than that.
	 */
	private int concurrency = 10;

	/**
	 * How long shutdown waits for running tasks to finish before interrupting them. Keep
	 * it below spring.lifecycle.timeout-per-shutdown-phase.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(20);

	/**
	 * Least time between two writes of a generator task's progress (the count of elements
	 * produced so far, in the record's extra.progress).
	 */
	private Duration progressInterval = Duration.ofSeconds(1);

	/**
	 * How many times a task's worker may stop under it (die, or lose its claim) before
	 * the task ends as error instead of being delivered again: a poison pill that kills
	 * every worker that runs it is not handed round forever.
	 */
	private int maxDeliveries = 5;

	/**
	 * How long the tasks of a name that no live node runs wait before they end as error,
	 * on an engine that many nodes share. A node never fails a task because it does not
	 * know it: during a rolling deploy, the nodes of the new release run it.
	 */
	private Duration unknownTaskTimeout = Duration.ofMinutes(5);

	/**
	 * The named queues this node claims tasks from (@QTask(queue = ...)). Empty works
	 * every queue.
	 */
	private List<String> queues = new ArrayList<>();

	/**
	 * How many tasks of a queue this node runs at once at most, by queue name, within
	 * qtasks.worker.concurrency. A queue not named here is bounded by the overall
	 * concurrency alone.
	 */
	private Map<String, Integer> queueConcurrency = new LinkedHashMap<>();

	public List<String> getQueues() {
		return this.queues;
	}

	public void setQueues(List<String> queues) {
		this.queues = queues;
	}

	public Map<String, Integer> getQueueConcurrency() {
		return this.queueConcurrency;
	}

	public void setQueueConcurrency(Map<String, Integer> queueConcurrency) {
		this.queueConcurrency = queueConcurrency;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public WorkerMode getMode() {
		return this.mode;
	}

	public void setMode(WorkerMode mode) {
		this.mode = mode;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	public Duration getUnknownTaskTimeout() {
		return this.unknownTaskTimeout;
	}

	public void setUnknownTaskTimeout(Duration unknownTaskTimeout) {
		this.unknownTaskTimeout = unknownTaskTimeout;
	}

	public int getMaxDeliveries() {
		return this.maxDeliveries;
	}

	public void setMaxDeliveries(int maxDeliveries) {
		this.maxDeliveries = maxDeliveries;
	}

	@Override
	public String toString() {
		return "Worker(enabled=" + this.enabled + ", mode=" + this.mode + ", concurrency=" + this.concurrency
				+ ", shutdownTimeout=" + this.shutdownTimeout + ", progressInterval=" + this.progressInterval
				+ ", maxDeliveries=" + this.maxDeliveries + ", unknownTaskTimeout=" + this.unknownTaskTimeout
				+ ", queues=" + this.queues + ", queueConcurrency=" + this.queueConcurrency + ")";
	}

}

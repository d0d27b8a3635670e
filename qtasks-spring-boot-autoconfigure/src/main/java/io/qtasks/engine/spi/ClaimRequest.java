package io.qtasks.engine.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a worker asks a queue for: at most {@code max} tasks, only of the names it runs
 * and of the queues it works, waiting up to {@code timeout} for the first one.
 * <p>
 * The request also carries the flow limits the queue enforces as it hands tasks out: how
 * many more tasks of each queue this worker takes ({@code queueMax}; a queue not named
 * there is bounded by {@code max} alone), and the cluster-wide {@link TaskLimits} of each
 * task name ({@code limits}). A task over its limits, or of a queue whose share is spent,
 * is passed over, and the tasks behind it are handed out.
 *
 * @param max the most tasks to claim; the worker's free slots
 * @param taskNames the names of the tasks the claimant can run, or {@code null} for any
 * @param timeout how long to wait when nothing is due; zero to look once
 * @param queues the queues to claim from, or {@code null} for any
 * @param queueMax the most tasks to take from a queue, by queue name
 * @param limits the limits of task names, by name; names not there have none
 * @param startNode the worker node whose runs start the tasks as soon as they are
 * claimed, so that an engine may store the start of each task's attempt in the claim (see
 * {@link QueueClaim#start()}); {@code null} when the claimant does not start what it
 * claims (or an engine must not record it)
 * @author QTasks contributors
 */
public record ClaimRequest(int max, @Nullable Set<String> taskNames, Duration timeout, @Nullable Set<String> queues,
		Map<String, Integer> queueMax, Map<String, TaskLimits> limits, @Nullable String startNode) {

	/**
	 * The queue of a task whose definition and request name none.
	 */
	public static final String DEFAULT_QUEUE = "default";

	/**
	 * Checks the request.
	 */
	public ClaimRequest {
		if (max < 1) {
			throw new IllegalArgumentException("max must be positive, was " + max);
		}
		taskNames = (taskNames != null) ? Set.copyOf(taskNames) : null;
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
		}
		queues = (queues != null) ? Set.copyOf(queues) : null;
		queueMax = Map.copyOf(queueMax);
		limits = Map.copyOf(limits);
	}

	/**
	 * A request whose claims store no start.
	 * @param max the most tasks to claim
	 * @param taskNames the names, or {@code null} for any
	 * @param timeout how long to wait for the first one
	 * @param queues the queues to claim from, or {@code null} for any
	 * @param queueMax the most tasks to take from a queue, by queue name
	 * @param limits the limits of task names, by name
	 */
	public ClaimRequest(int max, @Nullable Set<String> taskNames, Duration timeout, @Nullable Set<String> queues,
			Map<String, Integer> queueMax, Map<String, TaskLimits> limits) {
		this(max, taskNames, timeout, queues, queueMax, limits, null);
	}

	/**
	 * A request for tasks of the given names, from any queue, without limits.
	 * @param max the most tasks to claim
	 * @param taskNames the names, or {@code null} for any
	 * @param timeout how long to wait for the first one
	 */
	public ClaimRequest(int max, @Nullable Set<String> taskNames, Duration timeout) {
		this(max, taskNames, timeout, null, Map.of(), Map.of());
	}

	/**
	 * A request for tasks of any name.
	 * @param max the most tasks to claim
	 * @param timeout how long to wait for the first one
	 * @return the request
	 */
	public static ClaimRequest anyTask(int max, Duration timeout) {
		return new ClaimRequest(max, null, timeout);
	}

	/**
	 * This request, for another number of tasks.
	 * @param max the most tasks to hand out
	 * @return the request
	 */
	public ClaimRequest withMax(int max) {
		return new ClaimRequest(max, this.taskNames, this.timeout, this.queues, this.queueMax, this.limits,
				this.startNode);
	}

	/**
	 * This request, for the given queues only.
	 * @param queues the queues, or {@code null} for any
	 * @param queueMax the most tasks to take from a queue, by queue name
	 * @return the request
	 */
	public ClaimRequest withQueues(@Nullable Set<String> queues, Map<String, Integer> queueMax) {
		return new ClaimRequest(this.max, this.taskNames, this.timeout, queues, queueMax, this.limits, this.startNode);
	}

	/**
	 * This request, with the limits of task names.
	 * @param limits the limits by task name
	 * @return the request
	 */
	public ClaimRequest withLimits(Map<String, TaskLimits> limits) {
		return new ClaimRequest(this.max, this.taskNames, this.timeout, this.queues, this.queueMax, limits,
				this.startNode);
	}

	/**
	 * This request, for a worker node that starts the tasks it claims at once: an engine
	 * may store the start of each task's attempt in the claim itself.
	 * @param node the worker node's id, as its runs' attempts record it
	 * @return the request
	 */
	public ClaimRequest startingOn(@Nullable String node) {
		return new ClaimRequest(this.max, this.taskNames, this.timeout, this.queues, this.queueMax, this.limits, node);
	}

	/**
	 * Whether a task of this name may be handed out for this request.
	 * @param taskName the task's name
	 * @return {@code true} when it may
	 */
	public boolean accepts(String taskName) {
		return this.taskNames == null || this.taskNames.contains(taskName);
	}

	/**
	 * Whether tasks of this queue may be handed out for this request (its share may still
	 * be spent: see {@link #queueMax()}).
	 * @param queue the queue's name
	 * @return {@code true} when it may
	 */
	public boolean acceptsQueue(String queue) {
		return (this.queues == null || this.queues.contains(queue)) && this.queueMax.getOrDefault(queue, 1) > 0;
	}

	/**
	 * The limits of a task name.
	 * @param taskName the name
	 * @return its limits, {@link TaskLimits#NONE} when it has none
	 */
	public TaskLimits limitsOf(String taskName) {
		return this.limits.getOrDefault(taskName, TaskLimits.NONE);
	}

}

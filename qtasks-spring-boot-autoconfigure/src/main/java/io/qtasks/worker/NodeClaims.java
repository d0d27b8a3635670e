package io.qtasks.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.TaskLimits;

/**
 * Claims the tasks this node runs: on a shared engine only those whose names it knows
 * (the others wait for the nodes that know them), on an engine of its own any (one this
 * node does not know can never run, and ends as error); only from the queues it works,
 * each within its own concurrency; and under the caps and rates of the tasks it knows,
 * which the engine enforces across nodes. A worker without tasks claims nothing.
 *
 * @author QTasks contributors
 */
final class NodeClaims {

	private final String workerId;

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private final @Nullable Set<String> queues;

	private final QueueShares shares;

	private volatile Set<String> taskNames = Set.of();

	private volatile Map<String, TaskLimits> limits = Map.of();

	private volatile @Nullable ClaimRequest nextRequest;

	NodeClaims(String workerId, TaskEngine engine, TaskDefinitionRegistry registry, WorkerSettings settings) {
		this.workerId = workerId;
		this.engine = engine;
		this.registry = registry;
		this.queues = settings.queues();
		this.shares = new QueueShares(settings.queueConcurrency());
	}

	/**
	 * Takes the names and limits of the tasks this node knows, as the worker starts.
	 */
	void start() {
		this.taskNames = Set.copyOf(this.registry.getNames());
		Map<String, TaskLimits> limits = new HashMap<>();
		for (String name : this.taskNames) {
			this.registry.find(name)
				.map(TaskDefinition::limits)
				.filter(TaskLimits::isLimited)
				.ifPresent((taskLimits) -> limits.put(name, taskLimits));
		}
		this.limits = Map.copyOf(limits);
		this.nextRequest = (this.taskNames.isEmpty() || !this.shares.isEmpty()) ? null
				: new ClaimRequest(1, this.engine.isShared() ? this.taskNames : null, Duration.ZERO)
					.withQueues(this.queues, Map.of())
					.withLimits(this.limits)
					.startingOn(this.workerId);
	}

	/**
	 * Claims up to {@code max} tasks, waiting up to the timeout for the first.
	 * @param max the most tasks
	 * @param timeout how long to wait
	 * @return the deliveries
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	List<TaskDelivery> claim(int max, Duration timeout) throws InterruptedException {
		Set<String> names = this.taskNames;
		if (names.isEmpty()) {
			Thread.sleep(timeout.toMillis());
			return List.of();
		}
		Map<String, Integer> taken = this.shares.takeFree();
		List<TaskDelivery> deliveries = List.of();
		try {
			ClaimRequest request = new ClaimRequest(max, this.engine.isShared() ? names : null, timeout)
				.withQueues(this.queues, taken)
				.withLimits(this.limits)
				.startingOn(this.workerId);
			deliveries = this.engine.claim(request);
			return deliveries;
		}
		finally {
			this.shares.giveBackUnused(taken, deliveries);
		}
	}

	/**
	 * The request for one task due now, for a thread whose task is about to complete and
	 * that claims the next one in the same step of the engine.
	 * @return the request, or {@code null} when the next claim must be made on its own:
	 * this node claims nothing, or it counts slots by queue (a completion frees its
	 * queue's slot only once it is written)
	 */
	@Nullable ClaimRequest nextRequest() {
		return this.nextRequest;
	}

	/**
	 * Claims one task that is due now, for a thread that has just finished one.
	 * @return the delivery, or {@code null} when none is due or the engine failed (the
	 * dispatcher reports engine failures and tries again)
	 */
	@Nullable TaskDelivery claimNext() {
		try {
			List<TaskDelivery> next = claim(1, Duration.ZERO);
			return next.isEmpty() ? null : next.get(0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Tells that the run of a delivery ended, or gave its worker slot back: its queue's
	 * slot is free again.
	 * @param delivery the run's task
	 */
	void ended(TaskDelivery delivery) {
		this.shares.ended(delivery);
	}

}

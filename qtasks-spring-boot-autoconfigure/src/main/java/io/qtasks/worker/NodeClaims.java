package io.qtasks.worker;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;

/**
 * Claims the tasks this node runs: on a shared engine only those whose names it knows
 * (the others wait for the nodes that know them), on an engine of its own any (one this
 * node does not know can never run, and ends as error). A worker without tasks claims
 * nothing.
 *
 * @author QTasks contributors
 */
final class NodeClaims {

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private volatile Set<String> taskNames = Set.of();

	NodeClaims(TaskEngine engine, TaskDefinitionRegistry registry) {
		this.engine = engine;
		this.registry = registry;
	}

	/**
	 * Takes the names of the tasks this node knows, as the worker starts.
	 */
	void start() {
		this.taskNames = Set.copyOf(this.registry.getNames());
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
		return this.engine
			.claim(this.engine.isShared() ? new ClaimRequest(max, names, timeout) : ClaimRequest.anyTask(max, timeout));
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

}

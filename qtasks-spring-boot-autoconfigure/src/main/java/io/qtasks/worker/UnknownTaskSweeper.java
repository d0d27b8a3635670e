package io.qtasks.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * Ends the tasks that no live node runs, on an engine that many nodes share. Workers
 * claim only the tasks they know, so during a rolling deploy the tasks of a new kind wait
 * for the nodes of the new release instead of failing on the old ones. A name that no
 * live node has known for the whole timeout is no rolling deploy: its due tasks end as
 * {@code error}, with a message that names the task and what the live nodes run.
 *
 * @author QTasks contributors
 */
final class UnknownTaskSweeper extends PeriodicPart {

	private static final Logger logger = LoggerFactory.getLogger(UnknownTaskSweeper.class);

	private static final int BATCH = 100;

	private static final int MAX_BATCHES = 10;

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private final WorkerNodeRegistry nodes;

	private final Duration timeout;

	private final Map<String, Instant> unknownSince = new HashMap<>();

	UnknownTaskSweeper(TaskEngine engine, TaskDefinitionRegistry registry, WorkerNodeRegistry nodes, Duration timeout) {
		super("qtasks-unknown-tasks");
		this.engine = engine;
		this.registry = registry;
		this.nodes = nodes;
		this.timeout = timeout;
	}

	@Override
	Duration interval() {
		Duration fifth = this.timeout.dividedBy(5);
		if (fifth.compareTo(Duration.ofSeconds(1)) < 0) {
			return Duration.ofSeconds(1);
		}
		return (fifth.compareTo(Duration.ofSeconds(30)) > 0) ? Duration.ofSeconds(30) : fifth;
	}

	@Override
	void tick() {
		Set<String> unknown = new TreeSet<>(this.engine.stats().pendingCountByTaskName().keySet());
		Set<String> known = known();
		unknown.removeAll(known);
		this.unknownSince.keySet().retainAll(unknown);
		Instant now = this.engine.transitions().now();
		for (String name : unknown) {
			Instant since = this.unknownSince.computeIfAbsent(name, (key) -> now);
			if (!now.isBefore(since.plus(this.timeout))) {
				fail(name, known);
			}
		}
	}

	private Set<String> known() {
		Set<String> known = new TreeSet<>(this.registry.getNames());
		List<WorkerNode> live = this.nodes.liveNodes();
		live.forEach((node) -> known.addAll(node.tasks()));
		return known;
	}

	private void fail(String name, Set<String> known) {
		TaskTransitions transitions = this.engine.transitions();
		String message = "Unknown task '" + name + "': no live node runs a @QTask of this name, and none did for "
				+ this.timeout + "; the live nodes run " + known;
		int failed = 0;
		try {
			for (int batch = 0; batch < MAX_BATCHES; batch++) {
				List<TaskDelivery> deliveries = this.engine.claim(new ClaimRequest(BATCH, Set.of(name), Duration.ZERO));
				for (TaskDelivery delivery : deliveries) {
					if (delivery.complete(transitions.failed(delivery.task(), message)).written()) {
						failed++;
					}
				}
				if (deliveries.size() < BATCH) {
					break;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (failed > 0) {
			logger.warn("Ended {} task(s) as error: {}", failed, LogSafe.text(message));
		}
	}

}

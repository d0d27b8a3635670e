package io.qtasks.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.qtasks.engine.TaskEngine;
import io.qtasks.worker.QTasksWorker;

/**
 * Health of QTasks on this node: {@code UP} when the broker answers, with its type, the
 * queue depth and this node's worker (running, tasks in flight, concurrency);
 * {@code DOWN} when the broker cannot be reached (a Redis that is down, say), or when the
 * worker runs but no longer claims tasks.
 *
 * @author QTasks contributors
 */
public class QTasksHealthIndicator extends AbstractHealthIndicator {

	private final TaskEngine engine;

	private final @Nullable QTasksWorker worker;

	/**
	 * Creates the indicator.
	 * @param engine the engine to ask
	 * @param worker this node's worker, or {@code null} on a client-only node
	 */
	public QTasksHealthIndicator(TaskEngine engine, @Nullable QTasksWorker worker) {
		super("QTasks health check failed");
		this.engine = engine;
		this.worker = worker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("broker", this.engine.type()).withDetail("worker", worker());
		long depth = this.engine.stats().pendingCount();
		builder.withDetail("queueDepth", depth);
		if (this.worker != null && this.worker.isRunning() && !this.worker.isClaiming()) {
			builder.down().withDetail("reason", "the worker stopped claiming tasks");
			return;
		}
		builder.up();
	}

	private Object worker() {
		if (this.worker == null) {
			return "disabled";
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("id", this.worker.getId());
		details.put("running", this.worker.isRunning());
		details.put("inFlight", this.worker.getInFlight());
		details.put("concurrency", this.worker.getConcurrency());
		return details;
	}

}

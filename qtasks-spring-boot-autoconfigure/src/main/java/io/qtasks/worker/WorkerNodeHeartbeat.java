package io.qtasks.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.broker.WorkerNode;
import io.qtasks.broker.WorkerNodeRegistry;

/**
 * Keeps this node's worker registered while it runs: a heartbeat every
 * {@link WorkerNodeRegistry#heartbeatInterval()}, and removal on stop. Starts just before
 * the worker and stops just after it has drained.
 *
 * @author QTasks contributors
 */
public class WorkerNodeHeartbeat implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkerNodeHeartbeat.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final QTasksWorker worker;

	private final WorkerNodeRegistry registry;

	private final Clock clock;

	private final Object lifecycleMonitor = new Object();

	private ScheduledExecutorService scheduler;

	private Instant startedAt;

	/**
	 * Creates a heartbeat.
	 * @param worker the worker to report
	 * @param registry where to report it
	 * @param clock dates the reports
	 */
	public WorkerNodeHeartbeat(QTasksWorker worker, WorkerNodeRegistry registry, Clock clock) {
		this.worker = worker;
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.scheduler != null) {
				return;
			}
			this.startedAt = this.clock.instant();
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-node-heartbeat-");
			threads.setDaemon(true);
			this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
			long interval = this.registry.heartbeatInterval().toMillis();
			this.scheduler.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.scheduler == null) {
				return;
			}
			this.scheduler.shutdown();
			awaitTermination(this.scheduler);
			this.scheduler = null;
			try {
				this.registry.remove(this.worker.getId());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not remove worker node {} from the registry: {}", this.worker.getId(),
						ex.toString());
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.scheduler != null;
		}
	}

	@Override
	public int getPhase() {
		return QTasksWorker.PHASE - 1;
	}

	private static void awaitTermination(ScheduledExecutorService scheduler) {
		try {
			scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void beat() {
		try {
			this.registry.heartbeat(new WorkerNode(this.worker.getId(), this.worker.getHost(),
					this.worker.getConcurrency(), this.startedAt, this.worker.getInFlight(), this.clock.instant()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not report worker node {} to the registry: {}", this.worker.getId(), ex.toString());
		}
	}

}

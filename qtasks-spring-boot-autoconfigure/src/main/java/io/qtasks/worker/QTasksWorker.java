package io.qtasks.worker;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.LifecyclePhases;
import io.qtasks.engine.TaskEngine;
import io.qtasks.execution.TaskRunner;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.schedule.ScheduleFirer;

/**
 * The worker of this node: takes tasks from the engine and runs them, never more at once
 * than its concurrency. One lifecycle for all of its parts, started in this order and
 * stopped in the reverse one: the node's entry in the {@link WorkerNodeRegistry}, the
 * lease keeper (on engines whose claims run out), the dispatcher, and the firing of due
 * schedules (which therefore stops first). Stopping waits for running tasks up to the
 * shutdown timeout, then interrupts them and hands them back to the queue;
 * {@link #stop(Runnable)} does so without blocking the caller.
 *
 * @author QTasks contributors
 */
public class QTasksWorker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private final String id = WorkerIds.next();

	private final TaskEngine engine;

	private final TaskDefinitionRegistry registry;

	private final WorkerSettings settings;

	private final Clock clock;

	private final RunningTasks running = new RunningTasks(this.id);

	private final TaskDispatcher dispatcher;

	private final List<WorkerPart> parts = new ArrayList<>();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean active;

	private boolean listening;

	private Instant startedAt;

	/**
	 * Creates a worker.
	 * @param engine where tasks come from
	 * @param runner runs each task
	 * @param registry the known tasks (for their executors)
	 * @param nodes where the node reports itself
	 * @param executorLookup finds an {@code Executor} bean by name
	 * @param settings concurrency, shutdown timeout, threads
	 * @param clock dates the node's reports
	 */
	public QTasksWorker(TaskEngine engine, TaskRunner runner, TaskDefinitionRegistry registry, WorkerNodeRegistry nodes,
			Function<String, Executor> executorLookup, WorkerSettings settings, Clock clock) {
		this(engine, runner, registry, nodes, executorLookup, settings, clock, null);
	}

	/**
	 * Creates a worker that also fires due schedules.
	 * @param engine where tasks come from
	 * @param runner runs each task
	 * @param registry the known tasks (for their executors)
	 * @param nodes where the node reports itself
	 * @param executorLookup finds an {@code Executor} bean by name
	 * @param settings concurrency, shutdown timeout, threads
	 * @param clock dates the node's reports
	 * @param schedules fires the due schedules while the worker runs, or {@code null} for
	 * a worker that fires none
	 */
	public QTasksWorker(TaskEngine engine, TaskRunner runner, TaskDefinitionRegistry registry, WorkerNodeRegistry nodes,
			Function<String, Executor> executorLookup, WorkerSettings settings, Clock clock,
			@Nullable ScheduleFirer schedules) {
		this.engine = engine;
		this.registry = registry;
		this.settings = settings;
		this.clock = clock;
		this.startedAt = clock.instant();
		TaskExecutors executors = new TaskExecutors(registry, executorLookup, settings.concurrency(),
				settings.virtualThreads());
		this.dispatcher = new TaskDispatcher(this.id, engine, runner, this.running, executors, registry, settings);
		this.parts.add(new NodeHeartbeat(this.id, nodes, this::describe));
		engine.renewalInterval()
			.ifPresent((interval) -> this.parts.add(new LeaseKeeper(engine, this.running, interval)));
		if (engine.isShared()) {
			this.parts.add(new UnknownTaskSweeper(engine, registry, nodes, settings.unknownTaskTimeout()));
			this.parts.add(new WorkflowSweeper(engine));
		}
		this.parts.add(this.dispatcher);
		if (schedules != null) {
			this.parts.add(new ScheduleTrigger(schedules));
		}
	}

	/**
	 * This worker's identity: host, process id and a random suffix.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The name of the host this worker runs on.
	 * @return the host name
	 */
	public String getHost() {
		return WorkerIds.HOST;
	}

	/**
	 * How many tasks this worker runs at once at most.
	 * @return the concurrency
	 */
	public int getConcurrency() {
		return this.settings.concurrency();
	}

	/**
	 * How many tasks this worker holds now (running, or claimed and about to run).
	 * @return the count
	 */
	public int getInFlight() {
		return this.running.size();
	}

	/**
	 * Whether the dispatcher currently fails to receive tasks from the engine, for health
	 * checks: present from the first failed attempt until the next successful one.
	 * @return the failure, or empty while the engine answers
	 */
	public Optional<BrokerFailure> getBrokerFailure() {
		return Optional.ofNullable(this.dispatcher.failure());
	}

	/**
	 * Whether the worker claims tasks: it runs and a pool thread holds its claiming role
	 * (or is passing it on). A worker that runs but does not claim is unhealthy.
	 * @return the flag
	 */
	public boolean isClaiming() {
		return this.active && this.dispatcher.isClaiming();
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.active) {
				return;
			}
			if (!this.listening) {
				this.engine.addCancelRequestListener(new RunCancelRequests(this.running, this.engine));
				this.listening = true;
			}
			this.startedAt = this.clock.instant();
			this.parts.forEach(WorkerPart::start);
			this.active = true;
			logger.info("QTasks worker {} started on the {} broker with concurrency {} and tasks {}", this.id,
					this.engine.type(), this.settings.concurrency(), this.registry.getNames());
		}
	}

	@Override
	public void stop(Runnable callback) {
		synchronized (this.lifecycleMonitor) {
			if (!this.active) {
				callback.run();
				return;
			}
			this.active = false;
		}
		stopParts(this.parts.size() - 1, () -> {
			logger.info("QTasks worker {} stopped", this.id);
			callback.run();
		});
	}

	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.active;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.WORKER;
	}

	/**
	 * Stops the parts from the last to the first, each after the one behind it.
	 */
	private void stopParts(int index, Runnable callback) {
		if (index < 0) {
			callback.run();
			return;
		}
		this.parts.get(index).stop(() -> stopParts(index - 1, callback));
	}

	private WorkerNode describe() {
		return new WorkerNode(this.id, WorkerIds.HOST, this.settings.concurrency(), this.startedAt, this.running.size(),
				this.clock.instant(), List.copyOf(this.registry.getNames()));
	}

}

package io.qtasks.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.execution.TaskRunner;

/**
 * Claims tasks and runs them, never more at once than the worker's concurrency: the
 * claiming role ({@link ClaimLeadership}) is held by one pool thread at a time, which
 * claims only as many tasks as there are free slots, and a task holds its slot until it
 * ends, whichever executor runs it. When the leader claims a task that runs on the worker
 * pool, it passes the role to another pool thread and runs the task itself; tasks for
 * other executors, and the others of a claim, go to their executors. A thread that
 * finished a task keeps its slot and claims the next one itself, so under load tasks go
 * from slot to slot without a trip through the leader.
 * <p>
 * Stopping ends the claims, waits for running tasks up to the shutdown timeout, then
 * interrupts them (they hand their tasks back to the queue).
 *
 * @author QTasks contributors
 */
final class TaskDispatcher implements WorkerPart {

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

	private static final Duration INTERRUPTED_TASKS_TIMEOUT = Duration.ofSeconds(5);

	private final String workerId;

	private final TaskEngine engine;

	private final RunningTasks running;

	private final TaskExecutors executors;

	private final WorkerSettings settings;

	private final ClaimFailures failures;

	private final WorkerSlots slots;

	private final NodeClaims claims;

	private final SlotRuns runs;

	private final ClaimLeadership leadership = new ClaimLeadership();

	private volatile boolean active;

	TaskDispatcher(String workerId, TaskEngine engine, TaskRunner runner, RunningTasks running, TaskExecutors executors,
			TaskDefinitionRegistry registry, WorkerSettings settings) {
		this.workerId = workerId;
		this.engine = engine;
		this.running = running;
		this.executors = executors;
		this.settings = settings;
		this.failures = new ClaimFailures(workerId, engine.type(), FAILURE_PAUSE);
		this.slots = new WorkerSlots(settings.concurrency());
		this.claims = new NodeClaims(workerId, engine, registry, settings);
		this.runs = new SlotRuns(runner, running, executors, new DeliveryReturns(engine), this.slots, this.claims,
				() -> this.active);
	}

	@Nullable BrokerFailure failure() {
		return this.failures.current();
	}

	boolean isClaiming() {
		return this.active && this.leadership.isHeld();
	}

	@Override
	public void start() {
		this.claims.start();
		this.executors.start();
		this.failures.reset();
		this.active = true;
		this.leadership.begin();
		if (!startLeader()) {
			this.leadership.ended();
			logger.error("QTasks worker {} could not start a thread to claim tasks; it claims none", this.workerId);
		}
	}

	@Override
	public void stop(Runnable callback) {
		this.active = false;
		this.leadership.stop();
		Thread stopper = new Thread(() -> {
			try {
				awaitLeaderEnded();
				drain();
				this.executors.shutdown();
			}
			finally {
				callback.run();
			}
		}, "qtasks-worker-stop");
		stopper.start();
	}

	/**
	 * Leads on this pool thread: claims for the free slots until it claims a task that
	 * runs on the pool, then passes the role on and runs that task here.
	 */
	private void lead() {
		if (!this.leadership.takeOn()) {
			return;
		}
		// whether the role went to another thread, or was ended when this one took it on
		// again: from then on it is not this thread's to end
		boolean roleLeft = false;
		try {
			while (this.active) {
				Claimed own = claimOrPause();
				if (own == null) {
					continue;
				}
				this.leadership.stepDown();
				if (startLeader()) {
					roleLeft = true;
					this.runs.runFrom(own.delivery(), own.run(), own.executor());
					return;
				}
				// no thread to lead next: the task goes to its executor, and this thread
				// leads on
				this.runs.submit(own.delivery(), own.run());
				if (!this.leadership.takeOn()) {
					roleLeft = true;
					return;
				}
			}
		}
		finally {
			if (!roleLeft) {
				this.leadership.ended();
			}
		}
	}

	private @Nullable Claimed claimOrPause() {
		try {
			return claimOnce();
		}
		catch (Throwable ex) {
			// an error (out of memory, say) must not end the claims of this node
			logger.error("The dispatcher of QTasks worker {} failed; it goes on claiming", this.workerId, ex);
			pause(FAILURE_PAUSE);
			return null;
		}
	}

	private boolean startLeader() {
		try {
			this.executors.pool().execute(this::lead);
			return true;
		}
		catch (Throwable ex) {
			logger.warn("QTasks worker {} could not start a pool thread to claim tasks next", this.workerId, ex);
			return false;
		}
	}

	/**
	 * Claims for the free slots and hands the claimed tasks to their executors, all but
	 * the first that runs on the worker pool, which is this thread's.
	 * @return this thread's task, or {@code null}
	 */
	private @Nullable Claimed claimOnce() {
		int claimable;
		try {
			claimable = this.slots.takeFree();
		}
		catch (InterruptedException ex) {
			return null;
		}
		List<TaskDelivery> deliveries;
		try {
			deliveries = this.claims.claim(claimable, RECEIVE_TIMEOUT);
		}
		catch (InterruptedException ex) {
			this.slots.release(claimable);
			return null;
		}
		catch (RuntimeException ex) {
			this.slots.release(claimable);
			this.failures.failed(ex);
			pause(FAILURE_PAUSE);
			return null;
		}
		this.failures.succeeded();
		this.slots.release(claimable - deliveries.size());
		Claimed own = null;
		for (TaskDelivery delivery : deliveries) {
			TaskRun run = this.running.register(delivery);
			Executor pool = (own == null) ? poolOf(delivery) : null;
			if (pool != null) {
				own = new Claimed(delivery, run, pool);
			}
			else {
				this.runs.submit(delivery, run);
			}
		}
		return own;
	}

	/**
	 * The worker pool when a task runs on it, else {@code null} (its executor, or the
	 * failure to find it, is for {@link SlotRuns#submit} to deal with).
	 */
	private @Nullable Executor poolOf(TaskDelivery delivery) {
		try {
			Executor pool = this.executors.pool();
			return (this.executors.forTask(delivery.task().taskName()) == pool) ? pool : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Waits for the running tasks: for every slot to be free, then for the async runs
	 * that gave theirs back while they wait for their value.
	 */
	private void drain() {
		try {
			long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
			if (this.slots.awaitAllFree(this.settings.shutdownTimeout())
					&& this.running.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
				return;
			}
			logger.warn("QTasks worker {}: {} task(s) still running after {}; interrupting them", this.workerId,
					this.running.size(), this.settings.shutdownTimeout());
			this.running.stopAll();
			if (this.slots.awaitAllFree(INTERRUPTED_TASKS_TIMEOUT)) {
				this.running.awaitNone(INTERRUPTED_TASKS_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running.stopAll();
		}
	}

	private void awaitLeaderEnded() {
		try {
			this.leadership.awaitEnded(RECEIVE_TIMEOUT.multipliedBy(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			// woken by stop(): the loop looks at the flag again
		}
	}

	private record Claimed(TaskDelivery delivery, TaskRun run, Executor executor) {

	}

}

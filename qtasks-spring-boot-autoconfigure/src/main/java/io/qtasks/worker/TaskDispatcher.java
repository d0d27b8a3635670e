package io.qtasks.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.execution.TaskRunner;

/**
 * Claims tasks and hands them to their executors, never more at once than the worker's
 * concurrency: one dispatcher thread claims only as many tasks as there are free slots,
 * and a task holds its slot until it ends, whichever executor runs it. A thread that
 * finished a task keeps its slot and claims the next one itself, so under load tasks go
 * from slot to slot without a trip through the dispatcher.
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

	private final TaskRunner runner;

	private final RunningTasks running;

	private final TaskExecutors executors;

	private final WorkerSettings settings;

	private final ClaimFailures failures;

	private final DeliveryReturns returns;

	private final WorkerSlots slots;

	private final NodeClaims claims;

	private volatile boolean active;

	private @Nullable Thread thread;

	TaskDispatcher(String workerId, TaskEngine engine, TaskRunner runner, RunningTasks running, TaskExecutors executors,
			TaskDefinitionRegistry registry, WorkerSettings settings) {
		this.workerId = workerId;
		this.engine = engine;
		this.runner = runner;
		this.running = running;
		this.executors = executors;
		this.settings = settings;
		this.failures = new ClaimFailures(workerId, engine.type(), FAILURE_PAUSE);
		this.returns = new DeliveryReturns(engine);
		this.slots = new WorkerSlots(settings.concurrency());
		this.claims = new NodeClaims(workerId, engine, registry, settings);
	}

	@Nullable BrokerFailure failure() {
		return this.failures.current();
	}

	boolean isClaiming() {
		Thread dispatcher = this.thread;
		return this.active && dispatcher != null && dispatcher.isAlive();
	}

	@Override
	public void start() {
		this.claims.start();
		this.executors.start();
		this.failures.reset();
		this.active = true;
		Thread dispatcher = new Thread(this::dispatch, "qtasks-dispatcher");
		this.thread = dispatcher;
		dispatcher.start();
	}

	@Override
	public void stop(Runnable callback) {
		this.active = false;
		Thread dispatcher = this.thread;
		if (dispatcher != null) {
			dispatcher.interrupt();
		}
		Thread stopper = new Thread(() -> {
			try {
				join(dispatcher);
				drain();
				this.executors.shutdown();
			}
			finally {
				callback.run();
			}
		}, "qtasks-worker-stop");
		stopper.start();
	}

	private void dispatch() {
		while (this.active) {
			try {
				dispatchOnce();
			}
			catch (Throwable ex) {
				// an error (out of memory, say) must not end the claims of this node
				logger.error("The dispatcher of QTasks worker {} failed; it goes on claiming", this.workerId, ex);
				pause(FAILURE_PAUSE);
			}
		}
	}

	private void dispatchOnce() {
		int claimable;
		try {
			claimable = this.slots.takeFree();
		}
		catch (InterruptedException ex) {
			return;
		}
		List<TaskDelivery> deliveries;
		try {
			deliveries = this.claims.claim(claimable, RECEIVE_TIMEOUT);
		}
		catch (InterruptedException ex) {
			this.slots.release(claimable);
			return;
		}
		catch (RuntimeException ex) {
			this.slots.release(claimable);
			this.failures.failed(ex);
			pause(FAILURE_PAUSE);
			return;
		}
		this.failures.succeeded();
		this.slots.release(claimable - deliveries.size());
		deliveries.forEach((delivery) -> submit(delivery, this.running.register(delivery)));
	}

	/**
	 * Hands a claimed task, and the slot claimed for it, to its executor.
	 */
	private void submit(TaskDelivery delivery, TaskRun run) {
		try {
			Executor executor = this.executors.forTask(delivery.task().taskName());
			executor.execute(() -> runFrom(delivery, run, executor));
		}
		catch (Throwable ex) {
			this.running.remove(delivery);
			this.slots.release();
			this.claims.ended(delivery);
			logger.warn("The executor of task {} ({}) did not take it", delivery.uuid(),
					LogSafe.text(delivery.task().taskName()), ex);
			this.returns.notRun(delivery, "its executor did not take it (" + ex + ")");
		}
	}

	/**
	 * Runs a task, then, keeping its slot, claims and runs the next due one on this
	 * thread while there is one for the same executor. The slot is released when the
	 * queue is empty, or goes with a task for another executor.
	 */
	private void runFrom(TaskDelivery first, TaskRun firstRun, Executor executor) {
		TaskDelivery delivery = first;
		TaskRun run = firstRun;
		while (true) {
			TaskDelivery current = delivery;
			TaskRun currentRun = run;
			run.slot().onRelease(() -> {
				this.slots.release();
				this.claims.ended(current);
			});
			delivery.claimNextOnCompletion(
					() -> (this.active && !currentRun.slot().isReleased()) ? this.claims.nextRequest() : null);
			process(delivery, run);
			List<TaskDelivery> claimed = delivery.claimedOnCompletion();
			if (run.slot().isReleased()) {
				// an async run gave its slot back while it waited; the slot is another's
				// now
				notRun(claimed, "its worker slot was given back");
				return;
			}
			this.claims.ended(delivery);
			TaskDelivery next = nextOf(claimed);
			if (next == null) {
				this.slots.release();
				return;
			}
			run = this.running.register(next);
			Executor nextExecutor = this.executors.forTask(next.task().taskName());
			if (nextExecutor != executor) {
				submit(next, run);
				return;
			}
			delivery = next;
		}
	}

	/**
	 * The task to run next in a slot: the one claimed with the completion when it claimed
	 * one (handed back when the worker began to stop meanwhile), else one claimed now.
	 */
	private @Nullable TaskDelivery nextOf(@Nullable List<TaskDelivery> claimed) {
		if (claimed == null) {
			return this.active ? this.claims.claimNext() : null;
		}
		if (!this.active) {
			notRun(claimed, "the worker is stopping");
			return null;
		}
		return claimed.isEmpty() ? null : claimed.get(0);
	}

	private void notRun(@Nullable List<TaskDelivery> claimed, String why) {
		if (claimed != null) {
			claimed.forEach((delivery) -> this.returns.notRun(delivery, why));
		}
	}

	private void process(TaskDelivery delivery, TaskRun run) {
		Throwable escaped = null;
		try {
			this.runner.run(delivery, run);
		}
		catch (Throwable ex) {
			escaped = ex;
			logger.error("Task {} broke off its run", delivery.uuid(), ex);
		}
		this.running.remove(delivery);
		if (!delivery.isEnded()) {
			this.returns.brokenOff(delivery,
					(escaped != null) ? escaped : new IllegalStateException("no outcome was recorded"));
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

	private static void join(@Nullable Thread thread) {
		if (thread == null) {
			return;
		}
		try {
			thread.join(RECEIVE_TIMEOUT.multipliedBy(5).toMillis());
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

}

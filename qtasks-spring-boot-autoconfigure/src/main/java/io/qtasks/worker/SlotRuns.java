package io.qtasks.worker;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.context.TaskRun;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.execution.TaskRunner;

/**
 * Runs claimed tasks in their worker slots: each on its executor, and then, keeping the
 * slot, the next due task on the same thread, until the queue is empty or the next task
 * is for another executor.
 *
 * @author QTasks contributors
 */
final class SlotRuns {

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private final TaskRunner runner;

	private final RunningTasks running;

	private final TaskExecutors executors;

	private final DeliveryReturns returns;

	private final WorkerSlots slots;

	private final NodeClaims claims;

	private final BooleanSupplier active;

	SlotRuns(TaskRunner runner, RunningTasks running, TaskExecutors executors, DeliveryReturns returns,
			WorkerSlots slots, NodeClaims claims, BooleanSupplier active) {
		this.runner = runner;
		this.running = running;
		this.executors = executors;
		this.returns = returns;
		this.slots = slots;
		this.claims = claims;
		this.active = active;
	}

	/**
	 * Hands a claimed task, and the slot claimed for it, to its executor.
	 */
	void submit(TaskDelivery delivery, TaskRun run) {
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
	void runFrom(TaskDelivery first, TaskRun firstRun, Executor executor) {
		TaskDelivery delivery = first;
		TaskRun run = firstRun;
		while (true) {
			TaskDelivery current = delivery;
			TaskRun currentRun = run;
			run.slot().onRelease(() -> {
				this.slots.release();
				this.claims.ended(current);
			});
			delivery.claimNextOnCompletion(() -> (this.active.getAsBoolean() && !currentRun.slot().isReleased())
					? this.claims.nextRequest() : null);
			process(delivery, run);
			List<TaskDelivery> claimed = delivery.takeClaimedOnCompletion();
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
			return this.active.getAsBoolean() ? this.claims.claimNext() : null;
		}
		if (!this.active.getAsBoolean()) {
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

}

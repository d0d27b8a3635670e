package io.qtasks.worker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qtasks.Task;
import io.qtasks.client.EnqueuedTaskHandler;
import io.qtasks.context.TaskRun;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.execution.TaskRunner;

/**
 * The inline mode ({@code qtasks.worker.mode=inline}), for tests: a task is run on the
 * thread that adds it, through the same {@link TaskRunner} as the worker's (middlewares,
 * retries, timeouts, the task scope, events, records), and {@code add()} answers the
 * finished record. The task is claimed from the engine like any other, so its record goes
 * through {@code new}, {@code process} and its outcome as it would with a worker; a retry
 * is due again at once (the auto-configuration gives the runner retries without pauses)
 * and runs on the same thread.
 * <p>
 * When another thread has claimed the task first (an inline add of the same task name
 * there), this one waits for the outcome. A task that waits for an instant (a delay) is
 * run when it is due, so {@code add()} returns only then.
 *
 * @author QTasks contributors
 */
public final class InlineTaskRunner implements EnqueuedTaskHandler {

	private static final Duration CLAIMED_ELSEWHERE_WAIT = Duration.ofMillis(100);

	private final TaskEngine engine;

	private final TaskRunner runner;

	private final RunningTasks running = new RunningTasks(WorkerIds.next());

	private final DeliveryReturns returns;

	private final AtomicBoolean listening = new AtomicBoolean();

	/**
	 * Creates the runner.
	 * @param engine where the tasks are claimed and recorded
	 * @param runner runs each claimed task
	 */
	public InlineTaskRunner(TaskEngine engine, TaskRunner runner) {
		this.engine = engine;
		this.runner = runner;
		this.returns = new DeliveryReturns(engine);
	}

	@Override
	public Task enqueued(Task stored) {
		listenForCancelRequests();
		UUID uuid = stored.uuid();
		ClaimRequest request = new ClaimRequest(1, Set.of(stored.taskName()), Duration.ZERO);
		while (true) {
			Optional<Task> current = this.engine.find(uuid);
			if (current.isEmpty() || current.get().isFinished()) {
				return current.orElse(stored);
			}
			List<TaskDelivery> claimed = claim(request);
			if (claimed.isEmpty()) {
				awaitFinished(uuid);
			}
			claimed.forEach(this::run);
		}
	}

	private List<TaskDelivery> claim(ClaimRequest request) {
		try {
			return this.engine.claim(request);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while claiming a task to run inline", ex);
		}
	}

	private void run(TaskDelivery delivery) {
		TaskRun run = this.running.register(delivery);
		Throwable escaped = null;
		try {
			this.runner.run(delivery, run);
		}
		catch (RuntimeException | Error ex) {
			escaped = ex;
		}
		finally {
			this.running.remove(delivery);
		}
		if (!delivery.isEnded()) {
			this.returns.brokenOff(delivery,
					(escaped != null) ? escaped : new IllegalStateException("no outcome was recorded"));
		}
	}

	/**
	 * Waits a moment for a task that this thread cannot claim now: another thread runs
	 * it, or it is not due yet.
	 */
	private void awaitFinished(UUID uuid) {
		CompletableFuture<Task> finished = this.engine.whenFinished(uuid);
		try {
			finished.get(CLAIMED_ELSEWHERE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// look again
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for task " + uuid + " to finish", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Waiting for task " + uuid + " failed", ex.getCause());
		}
		finally {
			finished.cancel(false);
		}
	}

	private void listenForCancelRequests() {
		if (this.listening.compareAndSet(false, true)) {
			this.engine.addCancelRequestListener(new RunCancelRequests(this.running, this.engine));
		}
	}

}

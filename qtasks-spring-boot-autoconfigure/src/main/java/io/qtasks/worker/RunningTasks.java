package io.qtasks.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.qtasks.context.TaskRun;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.spi.CancelRequestListener;

/**
 * The deliveries a worker has claimed and not finished, with their runs; routes each
 * cancel request to the run of the claim it is meant for.
 * <p>
 * A request can arrive a moment before its claim is registered here (the claim's reply
 * and the announcement travel apart). Such requests are kept for a minute, at most
 * {@value #MAX_EARLY_REQUESTS} of them; a request names its claim, so one kept too long
 * never reaches a later claim of the task.
 *
 * @author QTasks contributors
 */
final class RunningTasks implements CancelRequestListener {

	private static final int MAX_EARLY_REQUESTS = 1024;

	private static final long EARLY_REQUEST_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final Map<UUID, Running> runs = new ConcurrentHashMap<>();

	private final Map<UUID, EarlyRequest> early = new LinkedHashMap<>();

	private final String workerId;

	/**
	 * Creates the list of a worker's runs.
	 * @param workerId the worker node's id, which its runs' attempts record
	 */
	RunningTasks(String workerId) {
		this.workerId = workerId;
	}

	/**
	 * Registers a claimed delivery.
	 * @param delivery the delivery
	 * @return its run's control state
	 */
	TaskRun register(TaskDelivery delivery) {
		TaskRun run = new TaskRun(delivery.uuid(), this.workerId);
		this.runs.put(delivery.uuid(), new Running(delivery, run));
		EarlyRequest request;
		synchronized (this.early) {
			request = this.early.remove(delivery.uuid());
		}
		if (request != null && request.isFor(delivery.token()) && !request.isStale()) {
			run.cancel(request.reason());
		}
		return run;
	}

	/**
	 * Forgets a finished run.
	 * @param delivery its delivery
	 */
	void remove(TaskDelivery delivery) {
		Running running = this.runs.get(delivery.uuid());
		if (running != null && running.delivery() == delivery) {
			this.runs.remove(delivery.uuid(), running);
			if (this.runs.isEmpty()) {
				synchronized (this.runs) {
					this.runs.notifyAll();
				}
			}
		}
	}

	/**
	 * Waits until no run is in progress.
	 * @param timeout how long at most
	 * @return whether none is
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	boolean awaitNone(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.runs) {
			while (!this.runs.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.runs, left);
			}
		}
		return true;
	}

	@Override
	public void cancelRequested(UUID uuid, @Nullable String token, String reason) {
		Running running = this.runs.get(uuid);
		if (running != null) {
			if (token == null || token.equals(running.delivery().token())) {
				running.run().cancel(reason);
			}
			return;
		}
		synchronized (this.early) {
			this.early.remove(uuid);
			this.early.put(uuid, new EarlyRequest(token, reason, System.nanoTime()));
			// oldest first: drop the stale ones and any beyond the bound
			Iterator<EarlyRequest> requests = this.early.values().iterator();
			while (requests.hasNext()) {
				EarlyRequest oldest = requests.next();
				if (this.early.size() <= MAX_EARLY_REQUESTS && !oldest.isStale()) {
					break;
				}
				requests.remove();
			}
		}
	}

	/**
	 * Applies the requests stored for the running deliveries, after their announcements
	 * may have been missed.
	 * @param stored the request stored for a delivery's claim, if any
	 */
	void catchUp(Function<TaskDelivery, Optional<String>> stored) {
		for (Running running : this.runs.values()) {
			stored.apply(running.delivery()).ifPresent(running.run()::cancel);
		}
	}

	/**
	 * Stops the run of a delivery whose claim was lost.
	 * @param delivery the delivery
	 * @return whether it was still running
	 */
	boolean loseClaim(TaskDelivery delivery) {
		Running running = this.runs.get(delivery.uuid());
		if (running == null || running.delivery() != delivery) {
			return false;
		}
		running.run().loseClaim();
		return true;
	}

	/**
	 * Asks every run to stop because the worker shuts down.
	 */
	void stopAll() {
		this.runs.values().forEach((running) -> running.run().stopForShutdown());
	}

	/**
	 * The deliveries in progress.
	 * @return a snapshot
	 */
	List<TaskDelivery> deliveries() {
		List<TaskDelivery> deliveries = new ArrayList<>(this.runs.size());
		this.runs.values().forEach((running) -> deliveries.add(running.delivery()));
		return deliveries;
	}

	int size() {
		return this.runs.size();
	}

	private record Running(TaskDelivery delivery, TaskRun run) {

	}

	private record EarlyRequest(@Nullable String token, String reason, long heardAt) {

		boolean isFor(String claimToken) {
			return this.token == null || this.token.equals(claimToken);
		}

		boolean isStale() {
			return System.nanoTime() - this.heardAt > EARLY_REQUEST_NANOS;
		}

	}

}

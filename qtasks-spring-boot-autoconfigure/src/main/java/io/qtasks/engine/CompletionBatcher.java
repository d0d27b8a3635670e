package io.qtasks.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.WriteResult;

/**
 * Writes the completions of slots that finish together in one engine step (a group
 * commit): a thread whose completion finds no step under way makes the step for every
 * completion waiting by then; those that arrive while it is under way wait for it to end,
 * and one of them makes the next step for all of them. Each completion wants one task for
 * its freed slot, so a step claims as many as it completes, and hands them out in the
 * order of the completions. Alone, a completion is one step of its own, as before.
 * <p>
 * The engine says how many steps may be under way at once
 * ({@link TaskSteps#completionsInFlight()}): with more than one, a completion that finds
 * fewer under way starts a step at once (on a database, on a connection of its own, so
 * that the commits' waits for the disk overlap), and the completions that arrive while
 * every allowed step is under way wait for the first to end. A task's completion never
 * joins a step while another completion of the same task is in one under way (a late
 * worker's and the new holder's): the fence then decides on the outcome of the earlier,
 * and two steps never write the same row at once.
 *
 * @author QTasks contributors
 */
final class CompletionBatcher {

	/**
	 * The most completions written in one step.
	 */
	private static final int MAX_BATCH = 64;

	private final TaskSteps steps;

	private final TaskQueue queue;

	private final Object monitor = new Object();

	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	private final int maxUnderWay;

	/**
	 * The tasks whose completions are in the steps under way.
	 */
	private final Set<UUID> underWay = new HashSet<>();

	private int stepsUnderWay;

	CompletionBatcher(TaskSteps steps, TaskQueue queue) {
		this(steps, queue, 1);
	}

	/**
	 * Creates a batcher.
	 * @param steps the engine's steps
	 * @param queue the engine's queue
	 * @param maxUnderWay the most steps under way at once, at least 1
	 */
	CompletionBatcher(TaskSteps steps, TaskQueue queue, int maxUnderWay) {
		if (maxUnderWay < 1) {
			throw new IllegalArgumentException("At least one step must be allowed under way, was " + maxUnderWay);
		}
		this.steps = steps;
		this.queue = queue;
		this.maxUnderWay = maxUnderWay;
	}

	/**
	 * Writes a completion and claims one task for its slot, with the completions of other
	 * threads when they finish together. An interrupt of the calling thread does not cut
	 * the wait short (the write would be carried out anyway); it is kept for afterwards.
	 * @param completion the completion
	 * @param next what to claim for the slot; its {@code max} is taken as 1
	 * @return what the write did, and the claims for this slot (at most one)
	 */
	CompletedAndClaimed completeAndClaim(Completion completion, ClaimRequest next) {
		Pending mine = new Pending(completion, next);
		boolean interrupted = false;
		try {
			synchronized (this.monitor) {
				this.pending.add(mine);
			}
			while (true) {
				List<Pending> batch;
				synchronized (this.monitor) {
					while (!mine.done && !mayStart(mine)) {
						try {
							this.monitor.wait();
						}
						catch (InterruptedException ex) {
							interrupted = true;
						}
					}
					if (mine.done) {
						return mine.outcome();
					}
					this.stepsUnderWay++;
					batch = takeBatch(mine.next);
				}
				step(batch, mine.next);
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether a thread whose completion waits may start a step now: one more is allowed,
	 * and no step under way holds a completion of the same task.
	 */
	private boolean mayStart(Pending mine) {
		return this.stepsUnderWay < this.maxUnderWay && !this.underWay.contains(mine.uuid());
	}

	/**
	 * The waiting completions that claim the same way as the given request, oldest first,
	 * one per task and none of a task that a step under way completes.
	 */
	private List<Pending> takeBatch(ClaimRequest next) {
		List<Pending> batch = new ArrayList<>();
		Iterator<Pending> waiting = this.pending.iterator();
		while (waiting.hasNext() && batch.size() < MAX_BATCH) {
			Pending candidate = waiting.next();
			if (candidate.next.equals(next) && !this.underWay.contains(candidate.uuid())) {
				batch.add(candidate);
				this.underWay.add(candidate.uuid());
				waiting.remove();
			}
		}
		return batch;
	}

	private void step(List<Pending> batch, ClaimRequest next) {
		CompletedAndClaimed done = null;
		Throwable failure = null;
		try {
			List<Completion> completions = batch.stream().map((entry) -> entry.completion).toList();
			done = this.steps.completeAndClaim(completions, next.withMax(batch.size()), this.queue);
		}
		catch (InterruptedException ex) {
			// the claim never waits (its timeout is zero); keep the interrupt for the run
			Thread.currentThread().interrupt();
			failure = new IllegalStateException("Interrupted while completing tasks", ex);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
		}
		synchronized (this.monitor) {
			for (int i = 0; i < batch.size(); i++) {
				Pending entry = batch.get(i);
				if (done != null) {
					List<QueueClaim> claimed = done.claimed();
					entry.result = new CompletedAndClaimed(List.of(done.written().get(i)),
							(i < claimed.size()) ? List.of(claimed.get(i)) : List.of());
				}
				entry.failure = failure;
				entry.done = true;
				this.underWay.remove(entry.uuid());
			}
			this.stepsUnderWay--;
			this.monitor.notifyAll();
		}
	}

	private static final class Pending {

		final Completion completion;

		final ClaimRequest next;

		@Nullable CompletedAndClaimed result;

		@Nullable Throwable failure;

		boolean done;

		Pending(Completion completion, ClaimRequest next) {
			this.completion = completion;
			this.next = next;
		}

		UUID uuid() {
			return this.completion.claim().uuid();
		}

		CompletedAndClaimed outcome() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (this.failure instanceof Error error) {
				throw error;
			}
			if (this.result == null) {
				throw new IllegalStateException("No outcome for task " + this.completion.claim().uuid());
			}
			return this.result;
		}

	}

}

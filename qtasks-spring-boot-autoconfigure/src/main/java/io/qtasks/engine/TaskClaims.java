package io.qtasks.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.engine.spi.WriteResult;

/**
 * Turns the claims a queue hands out into deliveries: each claim is paired with its
 * record (read along by the queue, or from the store). A queue entry whose record is gone
 * or already final (what a node that died between the two halves of a step leaves) is
 * dropped; a task whose record cannot be read ends as {@code error}, saying why; a claim
 * whose record could not be read for another reason goes back to the queue. Also extends
 * the claims of running tasks and reads the cancel requests stored for them.
 *
 * @author QTasks contributors
 */
final class TaskClaims {

	private static final Logger logger = LoggerFactory.getLogger(TaskEngine.class);

	private final TaskQueue queue;

	private final TaskRecordStore records;

	private final TaskSteps steps;

	private final TaskTransitions transitions;

	private final RecordListeners listeners;

	private final TaskEvents events;

	private final CompletionBatcher completions;

	TaskClaims(TaskQueue queue, TaskRecordStore records, TaskSteps steps, TaskTransitions transitions,
			RecordListeners listeners, TaskEvents events) {
		this.queue = queue;
		this.records = records;
		this.steps = steps;
		this.transitions = transitions;
		this.listeners = listeners;
		this.events = events;
		this.completions = new CompletionBatcher(steps, queue, steps.completionsInFlight());
	}

	List<TaskDelivery> claim(ClaimRequest request) throws InterruptedException {
		return deliveries(this.queue.claim(request));
	}

	/**
	 * Completes a delivery and claims the next task for its slot in one step of the
	 * engine, written together with the completions of other slots that finish at the
	 * same time.
	 * @param completion the delivery's final record
	 * @param next what to claim
	 * @param claimed receives the deliveries claimed
	 * @return what the completion's write did
	 */
	WriteResult completeAndClaim(Completion completion, ClaimRequest next, List<TaskDelivery> claimed) {
		CompletedAndClaimed done = this.completions.completeAndClaim(completion, next);
		claimed.addAll(deliveries(done.claimed()));
		return done.written().get(0);
	}

	private List<TaskDelivery> deliveries(List<QueueClaim> claims) {
		List<TaskDelivery> deliveries = new ArrayList<>(claims.size());
		for (QueueClaim claim : claims) {
			try {
				TaskDelivery delivery = deliver(claim);
				if (delivery != null) {
					deliveries.add(delivery);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not read the record of claimed task {}; it goes back to the queue: {}", claim.uuid(),
						ex.toString());
				releaseQuietly(claim);
			}
		}
		return deliveries;
	}

	private @Nullable TaskDelivery deliver(QueueClaim claim) {
		StoredTask stored;
		try {
			stored = (claim.stored() != null) ? claim.stored() : this.records.find(claim.uuid()).orElse(null);
		}
		catch (UnreadableRecordException ex) {
			failUnreadable(claim, ex);
			return null;
		}
		if (stored == null) {
			logger.warn("Dropped the queue entry of task {}: the task has no record (it expired or was deleted)",
					claim.uuid());
			this.queue.ack(claim);
			return null;
		}
		if (stored.record().isFinished()) {
			this.queue.ack(claim);
			return null;
		}
		return new TaskDelivery(claim, stored, this, this.steps, this.records, this.listeners, this.events);
	}

	private void failUnreadable(QueueClaim claim, UnreadableRecordException failure) {
		logger.error("Task {} cannot run: {}", claim.uuid(), LogSafe.text(failure.getMessage()));
		Task failed = this.transitions.unreadable(claim.uuid(), failure.getTaskName(), failure.getMessage());
		if (this.steps.complete(claim, failed, Fence.claim(claim.token(), failure.getRevision())).written()) {
			this.listeners.recorded(null, failed);
		}
	}

	private void releaseQuietly(QueueClaim claim) {
		try {
			this.queue.release(claim, null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not hand task {} back either; it is handed out again once its claim runs out: {}",
					claim.uuid(), ex.toString());
		}
	}

	Set<TaskDelivery> extend(Collection<TaskDelivery> deliveries) {
		if (deliveries.isEmpty()) {
			return Set.of();
		}
		Set<String> lost = this.queue.extend(deliveries.stream().map(TaskDelivery::claim).toList());
		Set<TaskDelivery> lostDeliveries = new HashSet<>();
		for (TaskDelivery delivery : deliveries) {
			if (lost.contains(delivery.token())) {
				lostDeliveries.add(delivery);
			}
		}
		return lostDeliveries;
	}

	Optional<String> storedCancelRequest(TaskDelivery delivery) {
		return this.records.find(delivery.uuid())
			.filter((stored) -> delivery.token().equals(stored.holder()))
			.map(StoredTask::cancelRequest);
	}

}

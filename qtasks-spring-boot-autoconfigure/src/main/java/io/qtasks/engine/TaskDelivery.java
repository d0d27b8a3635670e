package io.qtasks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.qtasks.Task;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.ClaimStart;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.WriteResult;

/**
 * A task claimed by one worker. Its writes are fenced by the claim: once the claim is
 * lost (its lease ran out and another worker took the task), they are refused and report
 * {@link WriteResult#FENCED}. Every delivery ends completed or released, or is left to
 * run out.
 *
 * @author QTasks contributors
 */
public final class TaskDelivery {

	private final QueueClaim claim;

	private final StoredTask stored;

	private final Fence fence;

	private final TaskClaims claims;

	private final TaskSteps steps;

	private final TaskRecordStore records;

	private final RecordListeners listeners;

	private final TaskEvents events;

	private volatile boolean ended;

	private volatile boolean ending;

	private Task lastWritten;

	private boolean startTaken;

	private volatile Supplier<@Nullable ClaimRequest> next = () -> null;

	private @Nullable List<TaskDelivery> claimedOnCompletion;

	TaskDelivery(QueueClaim claim, StoredTask stored, TaskClaims claims, TaskSteps steps, TaskRecordStore records,
			RecordListeners listeners, TaskEvents events) {
		this.claim = claim;
		this.claims = claims;
		this.stored = stored;
		this.fence = Fence.claim(claim.token(), stored.revision());
		this.steps = steps;
		this.records = records;
		this.listeners = listeners;
		this.events = events;
		this.lastWritten = stored.record();
	}

	/**
	 * The task's uuid.
	 * @return the uuid
	 */
	public UUID uuid() {
		return this.claim.uuid();
	}

	/**
	 * The claim's fencing token.
	 * @return the token
	 */
	public String token() {
		return this.claim.token();
	}

	/**
	 * The record as it was when claimed.
	 * @return the record
	 */
	public Task task() {
		return this.stored.record();
	}

	/**
	 * How many times the task has been handed to a worker, this claim included.
	 * @return the count, at least 1
	 */
	public int deliveries() {
		return this.claim.deliveries();
	}

	/**
	 * The reason of a cancel requested before the task was claimed (while an earlier
	 * claim held it); later requests are announced through the engine's events.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String cancelRequest() {
		return this.stored.cancelRequest();
	}

	/**
	 * Whether the claim already stored the start of the task's first attempt in this
	 * delivery (status {@code process}, the attempt's entry), so that the record every
	 * node reads is what {@link TaskTransitions#started(Task, boolean, String)} makes of
	 * the {@linkplain TaskTransitions#claimed claimed record} on this node, dated by the
	 * claim; {@link #startRecordedByClaim} then hands that record to the run instead of a
	 * write.
	 * @return the flag; {@code false} on an engine that does not record starts in claims
	 */
	public boolean claimRecordedStart() {
		return this.claim.start() != null;
	}

	/**
	 * The record of the run's first attempt as the claim stored it, when it is the one
	 * the run would store: the claim {@linkplain #claimRecordedStart recorded a start}
	 * for this node, the task is no generator (whose progress the claim does not know),
	 * and the run's claimed record has the retries the stored one names. Asked once, as
	 * the first attempt starts; the listeners hear of it as of a write.
	 * @param claimed the run's record before its first attempt
	 * @param generator whether the task is a generator
	 * @param node the worker node that runs it
	 * @return the stored record, or {@code null} when the run is to write its start
	 */
	public @Nullable Task startRecordedByClaim(Task claimed, boolean generator, @Nullable String node) {
		ClaimStart start = this.claim.start();
		if (start == null || generator || !start.node().equals(node) || claimed.retry() != start.record().retry()
				|| claimed.attempt() + 1 != start.record().attempt()) {
			return null;
		}
		synchronized (this) {
			if (this.startTaken) {
				return null;
			}
			this.startTaken = true;
		}
		recorded(start.record(), WriteResult.WRITTEN);
		return start.record();
	}

	/**
	 * Stores an intermediate record of the run ({@code process}, progress).
	 * @param record the record
	 * @return what the write did
	 */
	public WriteResult write(Task record) {
		Assert.isTrue(!record.isFinished(), () -> "An intermediate record must not be final, was " + record.status());
		return recorded(record, this.records.write(record, this.fence));
	}

	/**
	 * Says what to claim when this delivery completes, so that the engine stores the
	 * final record and claims the next tasks in one step. Asked as the delivery
	 * completes; a request of {@code null} then means a plain completion. A hand-back or
	 * a retry's pause claims nothing.
	 * @param next the request for the next tasks, with a timeout of zero, or {@code null}
	 */
	public void claimNextOnCompletion(Supplier<@Nullable ClaimRequest> next) {
		this.next = next;
	}

	/**
	 * Hands over the deliveries claimed when this one completed, once: this delivery
	 * forgets them, so that a worker slot that runs task after task does not keep every
	 * delivery it ran reachable from its first one.
	 * @return the deliveries (empty when nothing was due), or {@code null} when the
	 * completion claimed nothing (it was not asked to, or this delivery did not complete)
	 * or they were handed over before
	 */
	public synchronized @Nullable List<TaskDelivery> takeClaimedOnCompletion() {
		List<TaskDelivery> claimed = this.claimedOnCompletion;
		this.claimedOnCompletion = null;
		return claimed;
	}

	/**
	 * Stores the final record and ends the claim; claims the next tasks in the same step
	 * when {@linkplain #claimNextOnCompletion asked to}.
	 * @param record the final record
	 * @return what the write did
	 */
	public WriteResult complete(Task record) {
		Assert.isTrue(record.isFinished(), () -> "A completed record must be final, was " + record.status());
		this.ending = true;
		Consumer<Task> waitingHere = this.events.finishingHere(uuid());
		ClaimRequest request = this.next.get();
		if (request == null) {
			return finishedHere(waitingHere, record,
					recorded(record, ended(this.steps.complete(this.claim, record, this.fence))));
		}
		List<TaskDelivery> claimed = new ArrayList<>(request.max());
		WriteResult result = this.claims.completeAndClaim(new Completion(this.claim, record, this.fence), request,
				claimed);
		synchronized (this) {
			this.claimedOnCompletion = claimed;
		}
		return finishedHere(waitingHere, record, recorded(record, ended(result)));
	}

	/**
	 * Stores the record of a task that goes back to the queue and ends the claim; refused
	 * while a cancel request is pending, since the task must then end as {@code cancel}.
	 * @param record the record ({@code new}, or {@code retry} for a retry's pause)
	 * @param until when the task is due again, or {@code null} for now
	 * @return what the write did
	 */
	public WriteResult release(Task record, @Nullable Instant until) {
		Assert.isTrue(!record.isFinished(), () -> "A released record must not be final, was " + record.status());
		this.ending = true;
		return recorded(record,
				ended(this.steps.release(this.claim, record, this.fence.unlessCancelRequested(), until)));
	}

	/**
	 * Whether this claim is over: completed, released, or found lost by a write.
	 * @return the flag
	 */
	public boolean isEnded() {
		return this.ended;
	}

	/**
	 * Whether this claim is ending or over: a completion or a release has been sent, so
	 * that a claim the engine no longer finds may have been ended by this delivery
	 * itself.
	 * @return the flag
	 */
	public boolean isEnding() {
		return this.ending || this.ended;
	}

	private WriteResult ended(WriteResult result) {
		if (result.kind() != WriteResult.Kind.CANCEL_REQUESTED) {
			this.ended = true;
		}
		return result;
	}

	private WriteResult recorded(Task record, WriteResult result) {
		if (result.written()) {
			Task previous;
			synchronized (this) {
				previous = this.lastWritten;
				this.lastWritten = record;
			}
			this.listeners.recorded(previous, record);
		}
		return result;
	}

	private static WriteResult finishedHere(Consumer<Task> waitingHere, Task record, WriteResult result) {
		if (result.written()) {
			waitingHere.accept(record);
		}
		return result;
	}

	QueueClaim claim() {
		return this.claim;
	}

	@Override
	public String toString() {
		return "TaskDelivery(uuid=" + uuid() + ", taskName=" + task().taskName() + ", deliveries=" + deliveries() + ")";
	}

}

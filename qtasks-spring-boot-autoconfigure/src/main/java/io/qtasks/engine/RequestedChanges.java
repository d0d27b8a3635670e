package io.qtasks.engine;

import java.util.UUID;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;

/**
 * The changes a caller asks for on one task, a cancel or a requeue, made through the
 * steps and heard by the record listeners. A claimed or running task is not cancelled
 * here: it gets a cancel request, which the store announces to the worker that holds it.
 *
 * @author QTasks contributors
 */
final class RequestedChanges {

	private final TaskRecordStore records;

	private final TaskSteps steps;

	private final TaskTransitions transitions;

	private final RecordListeners listeners;

	RequestedChanges(TaskRecordStore records, TaskSteps steps, TaskTransitions transitions, RecordListeners listeners) {
		this.records = records;
		this.steps = steps;
		this.transitions = transitions;
		this.listeners = listeners;
	}

	CancelOutcome cancel(UUID uuid, String reason) {
		RecordedChange change = new RecordedChange((current) -> this.transitions.cancelled(current, reason));
		QueuedCancel queued = this.steps.cancelQueued(uuid, change::apply);
		return switch (queued) {
			case CANCELLED -> {
				change.tell(this.listeners);
				yield CancelOutcome.CANCELLED;
			}
			case FINISHED -> CancelOutcome.ALREADY_FINISHED;
			case NOT_FOUND -> CancelOutcome.NOT_FOUND;
			case NOT_QUEUED -> this.records.requestCancel(uuid, reason);
		};
	}

	RequeueOutcome requeue(UUID uuid) {
		RecordedChange change = new RecordedChange(this.transitions::requeued);
		RequeueOutcome outcome = this.steps.requeue(uuid, change::apply);
		if (outcome == RequeueOutcome.REQUEUED) {
			change.tell(this.listeners);
		}
		return outcome;
	}

}

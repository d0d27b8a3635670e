package io.qtasks.execution;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.context.TaskRun;
import io.qtasks.engine.ClaimLostException;
import io.qtasks.engine.EngineWriteException;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.spi.WriteResult;

/**
 * Writes the records of one run through its delivery, one at a time, and keeps the last
 * one written. Writes are shielded from the run's interrupts, since the engine's client
 * could abandon a command that the engine still carries out.
 *
 * @author QTasks contributors
 */
final class TaskRecordWriter {

	private final TaskDelivery delivery;

	private final TaskRun run;

	private Task current;

	TaskRecordWriter(TaskDelivery delivery, TaskRun run, Task claimed) {
		this.delivery = delivery;
		this.run = run;
		this.current = claimed;
	}

	synchronized Task current() {
		return this.current;
	}

	/**
	 * Stores an intermediate record derived from the current one.
	 * @param change derives it
	 * @return the record written
	 * @throws ClaimLostException when the claim was lost
	 * @throws EngineWriteException when the engine failed
	 */
	synchronized Task update(UnaryOperator<Task> change) {
		Task record = change.apply(this.current);
		WriteResult result = call(record, () -> this.delivery.write(record));
		if (!result.written()) {
			throw new ClaimLostException(record.uuid());
		}
		this.current = record;
		return record;
	}

	/**
	 * Starts an attempt: takes the record the claim stored for it when that is the one
	 * {@code change} would make (the first attempt of a claim that recorded its start),
	 * else stores it as {@link #update} does.
	 * @param change derives the started record
	 * @param generator whether the task is a generator
	 * @param node the worker node that runs it
	 * @return the started record
	 * @throws ClaimLostException when the claim was lost
	 * @throws EngineWriteException when the engine failed
	 */
	synchronized Task start(UnaryOperator<Task> change, boolean generator, @Nullable String node) {
		Task recorded = this.delivery.startRecordedByClaim(this.current, generator, node);
		if (recorded == null) {
			return update(change);
		}
		this.current = recorded;
		return recorded;
	}

	/**
	 * Stores the final record and ends the claim.
	 * @param record the record
	 * @return what the write did
	 * @throws EngineWriteException when the engine failed
	 */
	synchronized WriteResult complete(Task record) {
		return remember(record, call(record, () -> this.delivery.complete(record)));
	}

	/**
	 * Stores the record of a task that goes back to the queue and ends the claim.
	 * @param record the record
	 * @param until when it is due again, or {@code null} for now
	 * @return what the write did
	 * @throws EngineWriteException when the engine failed
	 */
	synchronized WriteResult release(Task record, @Nullable Instant until) {
		return remember(record, call(record, () -> this.delivery.release(record, until)));
	}

	private WriteResult remember(Task record, WriteResult result) {
		if (result.written()) {
			this.current = record;
		}
		return result;
	}

	private WriteResult call(Task record, Supplier<WriteResult> write) {
		try {
			return this.run.shielded(write);
		}
		catch (RuntimeException ex) {
			throw new EngineWriteException(record.uuid(), ex);
		}
	}

}

package io.qtasks.engine;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskRecordStore;

/**
 * Runs a change of a record that reads it first and writes only while it is still the
 * record read, until the write happens: the change answers {@code null} when the record
 * changed in between, and is tried again.
 *
 * @author QTasks contributors
 */
public final class RecordChanges {

	private static final int ATTEMPTS = 10;

	private RecordChanges() {
	}

	/**
	 * Runs a change until it answers.
	 * @param <T> the outcome type
	 * @param uuid the task's uuid, for the error
	 * @param action what the change does, for the error ({@code "cancelled"})
	 * @param change the change; {@code null} when the record changed meanwhile
	 * @return the outcome
	 * @throws IllegalStateException when the record kept changing
	 */
	public static <T> T untilSettled(UUID uuid, String action, Supplier<@Nullable T> change) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			T outcome = change.get();
			if (outcome != null) {
				return outcome;
			}
		}
		throw new IllegalStateException("Task " + uuid + " kept changing while it was being " + action);
	}

	/**
	 * Requeues a finished task: reads its record, builds the queued one from it and has
	 * it written, until the write happens.
	 * @param records where the record is read
	 * @param uuid the task's uuid
	 * @param requeued builds the queued record from the current one; answers {@code null}
	 * when the task may not be requeued
	 * @param write stores the queued record in place of the one read and queues the task;
	 * answers {@code null} when the record changed meanwhile
	 * @return what happened
	 */
	public static RequeueOutcome requeue(TaskRecordStore records, UUID uuid, Function<Task, @Nullable Task> requeued,
			BiFunction<StoredTask, Task, @Nullable RequeueOutcome> write) {
		return untilSettled(uuid, "requeued", () -> {
			Optional<StoredTask> current = records.find(uuid);
			if (current.isEmpty()) {
				return RequeueOutcome.NOT_FOUND;
			}
			Task queued = requeued.apply(current.get().record());
			if (queued == null) {
				return RequeueOutcome.NOT_REQUEUEABLE;
			}
			return write.apply(current.get(), queued);
		});
	}

}

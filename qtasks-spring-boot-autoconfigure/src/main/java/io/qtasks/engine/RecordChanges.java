package io.qtasks.engine;

import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

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

}

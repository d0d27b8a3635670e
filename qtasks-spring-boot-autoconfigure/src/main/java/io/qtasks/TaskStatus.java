package io.qtasks;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The lifecycle states of a task record:
 * {@code new → process → success | error | cancel}, with {@code retry} between attempts.
 * In JSON each state is its lowercase name.
 *
 * @author QTasks contributors
 */
public enum TaskStatus {

	/** Queued and waiting for a worker. */
	NEW,

	/** Running on a worker. */
	PROCESS,

	/** An attempt failed and another one will follow. */
	RETRY,

	/** Finished; {@link Task#returning()} holds the stored result. */
	SUCCESS,

	/** Finished with a failure; {@link Task#traceback()} says why. */
	ERROR,

	/** Cancelled; {@link Task#cancelReason()} says why. */
	CANCEL;

	private static final TaskStatus[] VALUES = values();

	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * Whether this state is final: {@code success}, {@code error} or {@code cancel}.
	 * @return {@code true} when nothing will change the record any more
	 */
	public boolean isFinished() {
		return this == SUCCESS || this == ERROR || this == CANCEL;
	}

	/**
	 * The lowercase name used in JSON and by QTasks.
	 * @return the value, for example {@code "cancel"}
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Parses a status from its lowercase (or any-case) name.
	 * @param value the name, for example {@code "success"}
	 * @return the status
	 * @throws IllegalArgumentException when the value names no status
	 */
	@JsonCreator
	public static TaskStatus fromValue(String value) {
		for (TaskStatus status : VALUES) {
			if (status.name().equalsIgnoreCase(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown task status '" + value + "'");
	}

	@Override
	public String toString() {
		return value();
	}

}

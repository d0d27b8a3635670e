package io.qtasks.observation;

import java.util.Locale;

/**
 * How a worker's execution of a task ended, as observations and metrics report it.
 *
 * @author QTasks contributors
 */
public enum TaskOutcome {

	/** The task ended in {@code success}. */
	SUCCESS,

	/** The task ended in {@code error}. */
	ERROR,

	/** The task ended in {@code cancel}. */
	CANCEL,

	/**
	 * The attempt failed and another one follows: the task waits in the engine for it.
	 */
	RETRY,

	/**
	 * The worker handed the task back to the queue without an outcome (it shut down, or
	 * the engine could not store the run's state); it runs again.
	 */
	RELEASED,

	/**
	 * The worker's claim on the task passed to another worker (its lease ran out); what
	 * this execution found is discarded.
	 */
	LOST;

	/**
	 * The lowercase name used as tag value.
	 * @return the value, for example {@code "success"}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

package io.qtasks.engine.spi;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an enqueue of a task with a {@link UniqueKey} did.
 *
 * @param kind what happened
 * @param holder the uuid of the task that holds the key, for {@link Kind#KEY_TAKEN}
 * @author QTasks contributors
 */
public record UniqueOutcome(Kind kind, @Nullable UUID holder) {

	/**
	 * The task was stored and queued, and holds the key.
	 */
	public static final UniqueOutcome STORED = new UniqueOutcome(Kind.STORED, null);

	/**
	 * A task with the same uuid exists; nothing changed.
	 */
	public static final UniqueOutcome DUPLICATE = new UniqueOutcome(Kind.DUPLICATE, null);

	/**
	 * Another task holds the key; nothing changed.
	 * @param holder that task's uuid
	 * @return the outcome
	 */
	public static UniqueOutcome keyTaken(UUID holder) {
		return new UniqueOutcome(Kind.KEY_TAKEN, holder);
	}

	/**
	 * What an enqueue with a unique key did.
	 */
	public enum Kind {

		/** The task was stored and queued. */
		STORED,

		/** A task with its uuid exists. */
		DUPLICATE,

		/** Another task holds the key. */
		KEY_TAKEN

	}

}

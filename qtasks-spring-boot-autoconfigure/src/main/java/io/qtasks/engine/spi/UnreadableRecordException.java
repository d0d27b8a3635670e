package io.qtasks.engine.spi;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A stored task record is not valid JSON for a {@link io.qtasks.Task} (written by hand,
 * by another program or by an incompatible version). It carries what the store could
 * still read, so that the task can be ended with a message.
 *
 * @author QTasks contributors
 */
public class UnreadableRecordException extends IllegalStateException {

	private final UUID uuid;

	private final @Nullable String taskName;

	private final long revision;

	/**
	 * Creates an exception.
	 * @param uuid the task whose record cannot be read
	 * @param taskName the task's name as stored next to the record, or {@code null}
	 * @param revision the record's revision
	 * @param problem what is wrong with it
	 * @param cause the underlying failure, or {@code null}
	 */
	public UnreadableRecordException(UUID uuid, @Nullable String taskName, long revision, String problem,
			@Nullable Throwable cause) {
		super("The stored record of task " + uuid + " cannot be read: " + problem, cause);
		this.uuid = uuid;
		this.taskName = taskName;
		this.revision = revision;
	}

	/**
	 * The task's uuid.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

	/**
	 * The task's name as stored next to the record.
	 * @return the name, or {@code null}
	 */
	public @Nullable String getTaskName() {
		return this.taskName;
	}

	/**
	 * The record's revision.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

}

package io.qtasks.engine.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * Keeps task records and fences their writes: the record half of an engine. A write of a
 * final record ({@code success}, {@code error}, {@code cancel}) is announced to the
 * engine's {@link TaskEvents}, forgets the task's holder and cancel request, and the
 * record expires after the configured time.
 *
 * @author QTasks contributors
 */
public interface TaskRecordStore {

	/**
	 * A short name of the technology, such as {@code "memory"} or {@code "redis"}.
	 * @return the name
	 */
	String type();

	/**
	 * Stores a new record.
	 * @param record the record
	 * @return {@code false} when a record with its uuid exists (nothing is written)
	 */
	boolean insert(Task record);

	/**
	 * Stores a new record that takes a unique key, atomically across nodes: unless a task
	 * with its uuid exists, or another task holds the key (it has not finished, or
	 * finished less than {@link UniqueKey#keepFor()} ago). The key is the record's from
	 * then on; a store frees it when the record is written final (or keeps it for
	 * {@code keepFor} more), and takes it again, when free, for a record that is
	 * requeued. A holder whose record is gone holds nothing.
	 * @param record the record, carrying the key in its extra ({@code uniqueKey})
	 * @param key the key
	 * @return what happened
	 * @throws UnsupportedOperationException when the store has no unique keys
	 */
	default UniqueOutcome insertUnique(Task record, UniqueKey key) {
		throw new UnsupportedOperationException("The " + type() + " record store has no unique keys");
	}

	/**
	 * Reads a record.
	 * @param uuid the task's uuid
	 * @return the record, or empty when unknown or expired
	 * @throws UnreadableRecordException when the stored data is not a record of this task
	 */
	Optional<StoredTask> find(UUID uuid);

	/**
	 * Writes a record when the fence passes.
	 * @param record the new record
	 * @param fence the condition
	 * @return what happened
	 */
	WriteResult write(Task record, Fence fence);

	/**
	 * Records a request to cancel a task that is not queued (claimed, running, or between
	 * two steps), and announces it to the claim that holds the task.
	 * @param uuid the task's uuid
	 * @param reason why
	 * @return {@link CancelOutcome#CANCEL_REQUESTED}, or
	 * {@link CancelOutcome#ALREADY_FINISHED} / {@link CancelOutcome#NOT_FOUND}
	 */
	CancelOutcome requestCancel(UUID uuid, String reason);

	/**
	 * Lists records, newest first, doing bounded work.
	 * @param query the filters and limit
	 * @return the matching records
	 */
	List<Task> list(TaskQuery query);

	/**
	 * Counts the stored records by status, without scanning them.
	 * @return a count for every status
	 */
	Map<TaskStatus, Long> countByStatus();

}

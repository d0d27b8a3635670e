package io.qtasks.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * Reads task records and announces their completion: the record half of an engine (the
 * queue half, which also writes records, is {@link io.qtasks.broker.TaskBroker}).
 *
 * @author QTasks contributors
 */
public interface TaskStorage {

	/**
	 * Reads a record.
	 * @param uuid the task's uuid
	 * @return the record, or empty when unknown or expired
	 */
	Optional<Task> find(UUID uuid);

	/**
	 * Lists records, newest first.
	 * @param query the filters and limit
	 * @return the matching records
	 */
	List<Task> list(TaskQuery query);

	/**
	 * Counts the stored records by status, without scanning them.
	 * @return a count for every status
	 */
	Map<TaskStatus, Long> countByStatus();

	/**
	 * A future completed with the record when the task reaches a final status. Cancel the
	 * future to stop waiting. The caller reads the record afterwards to cover a task that
	 * finished before the future was registered.
	 * @param uuid the task's uuid
	 * @return the future
	 */
	CompletableFuture<Task> whenFinished(UUID uuid);

}

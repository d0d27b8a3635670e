package io.qtasks.engine.spi;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * Filters for {@link TaskRecordStore#list(TaskQuery)}.
 *
 * @param status only records in this status, or {@code null} for any
 * @param taskName only records of this task, or {@code null} for any
 * @param limit the most records to return
 * @author QTasks contributors
 */
public record TaskQuery(@Nullable TaskStatus status, @Nullable String taskName, int limit) {

	/**
	 * Checks the limit.
	 */
	public TaskQuery {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
	}

	/**
	 * Whether a record passes the filters.
	 * @param task the record
	 * @return {@code true} when it matches
	 */
	public boolean matches(Task task) {
		return (this.status == null || this.status == task.status())
				&& (this.taskName == null || this.taskName.equals(task.taskName()));
	}

}

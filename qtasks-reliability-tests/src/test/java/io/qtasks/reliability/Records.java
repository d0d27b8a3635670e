package io.qtasks.reliability;

import java.util.List;

import io.qtasks.Task;

/**
 * Short descriptions of records for failure messages: a task handed round hundreds of
 * times has an {@code extra.attempts} list too long to read.
 *
 * @author QTasks contributors
 */
final class Records {

	private static final int MAX_TRACEBACK = 300;

	private Records() {
	}

	/**
	 * Describes a record: its status, attempt, deliveries, number of attempts, the last
	 * one, and the start of its traceback.
	 * @param task the record, or {@code null}
	 * @return the description
	 */
	static String describe(Task task) {
		if (task == null) {
			return "no record";
		}
		Object attempts = task.extra().get("attempts");
		Object last = (attempts instanceof List<?> list && !list.isEmpty()) ? list.get(list.size() - 1) : null;
		String traceback = task.traceback();
		if (traceback != null && traceback.length() > MAX_TRACEBACK) {
			traceback = traceback.substring(0, MAX_TRACEBACK) + "…";
		}
		return "Task(status=" + task.status().value() + ", uuid=" + task.uuid() + ", taskName=" + task.taskName()
				+ ", attempt=" + task.attempt() + ", deliveries=" + task.extra().getOrDefault("deliveries", 1)
				+ ", attempts recorded=" + ((attempts instanceof List<?> list) ? list.size() : 0) + ", last attempt="
				+ last + ", returning=" + task.returning() + ", traceback=" + traceback + ", cancelReason="
				+ task.cancelReason() + ")";
	}

}

package io.qtasks.engine.jdbc;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JDBC queue reports of its depth: due and waiting tasks, due tasks by priority
 * (at most the 100 lowest priorities that have any) and by task name, each one query of
 * the task table.
 *
 * @author QTasks contributors
 */
final class JdbcQueueCounts {

	private static final int MAX_REPORTED_PRIORITIES = 100;

	private final JdbcClient jdbc;

	private final String pending;

	private final String waiting;

	private final String byPriority;

	private final String byTaskName;

	JdbcQueueCounts(JdbcClient jdbc, JdbcTables tables) {
		this.jdbc = jdbc;
		this.pending = tables.sql("SELECT count(*) FROM {tasks} WHERE " + JdbcTaskQueue.DUE);
		this.waiting = tables.sql("SELECT count(*) FROM {tasks} WHERE queue = 'waiting' AND due_at > now()");
		this.byPriority = tables.sql("SELECT priority, count(*) AS n FROM {tasks} WHERE " + JdbcTaskQueue.DUE
				+ " GROUP BY priority ORDER BY priority LIMIT " + MAX_REPORTED_PRIORITIES);
		this.byTaskName = tables
			.sql("SELECT task_name, count(*) AS n FROM {tasks} WHERE " + JdbcTaskQueue.DUE + " GROUP BY task_name");
	}

	long pendingCount() {
		return this.jdbc.sql(this.pending).query(Long.class).single();
	}

	long waitingCount() {
		return this.jdbc.sql(this.waiting).query(Long.class).single();
	}

	SortedMap<Integer, Long> pendingCountByPriority() {
		SortedMap<Integer, Long> counts = new TreeMap<>();
		this.jdbc.sql(this.byPriority).query((row) -> {
			counts.put(row.getInt("priority"), row.getLong("n"));
		});
		return counts;
	}

	Map<String, Long> pendingCountByTaskName() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql(this.byTaskName).query((row) -> {
			counts.put(row.getString("task_name"), row.getLong("n"));
		});
		return counts;
	}

}

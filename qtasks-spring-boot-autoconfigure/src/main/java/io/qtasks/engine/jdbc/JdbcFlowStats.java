package io.qtasks.engine.jdbc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.TaskLimits;

/**
 * The flow of the JDBC queue as the task table and the rate table state it: the due tasks
 * by queue, name and limit key, whether each lane waits for its cap or rate, the claims
 * held by name and by queue, and how long until a rate window frees a start.
 *
 * @author QTasks contributors
 */
final class JdbcFlowStats {

	private static final String MS = " * interval '1 millisecond'";

	private final JdbcClient jdbc;

	private final JdbcSql lanes;

	private final String runningByTask;

	private final String runningByQueue;

	private final JdbcSql untilRateFrees;

	JdbcFlowStats(JdbcClient jdbc, JdbcTables tables) {
		this.jdbc = jdbc;
		this.lanes = JdbcSql.of(tables.sql("WITH lim AS (SELECT * FROM unnest(CAST(:limited AS TEXT[]),"
				+ " CAST(:caps AS INTEGER[]), CAST(:permits AS INTEGER[]), CAST(:windows AS BIGINT[]))"
				+ " AS l(task_name, cap, permits, window_ms)), due AS (SELECT queue_name, task_name, limit_key,"
				+ " count(*) AS n FROM {tasks} WHERE " + JdbcTaskQueue.DUE + " GROUP BY queue_name, task_name,"
				+ " limit_key) SELECT d.queue_name, d.task_name, d.limit_key, d.n, COALESCE(lim.cap > 0 AND"
				+ " (SELECT count(*) FROM {tasks} c WHERE c.queue = 'claimed' AND c.task_name = d.task_name"
				+ " AND c.limit_key = d.limit_key) >= lim.cap, false) OR COALESCE(lim.permits > 0 AND"
				+ " (SELECT count(*) FROM {rates} r WHERE r.task_name = d.task_name AND r.limit_key = d.limit_key"
				+ " AND r.claimed_at > clock_timestamp() - lim.window_ms" + MS + ") >= lim.permits, false)"
				+ " AS limited FROM due d LEFT JOIN lim ON lim.task_name = d.task_name"
				+ " ORDER BY d.queue_name, d.task_name, d.limit_key"));
		this.runningByTask = tables
			.sql("SELECT task_name AS k, count(*) AS n FROM {tasks} WHERE queue = 'claimed' GROUP BY task_name");
		this.runningByQueue = tables
			.sql("SELECT queue_name AS k, count(*) AS n FROM {tasks} WHERE queue = 'claimed' GROUP BY queue_name");
		this.untilRateFrees = JdbcSql.of(tables.sql("SELECT CAST(EXTRACT(EPOCH FROM (min(r.claimed_at + l.window_ms"
				+ MS + ") - clock_timestamp())) * 1000 AS BIGINT) FROM {rates} r JOIN unnest(CAST(:limited AS"
				+ " TEXT[]), CAST(:permits AS INTEGER[]), CAST(:windows AS BIGINT[])) AS l(task_name, permits,"
				+ " window_ms) ON r.task_name = l.task_name WHERE l.permits > 0 AND r.claimed_at + l.window_ms" + MS
				+ " > clock_timestamp()"));
	}

	/**
	 * The flow by the given limits.
	 * @param limits the limits by task name
	 * @return the stats
	 */
	FlowStats stats(Map<String, TaskLimits> limits) {
		List<FlowStats.Lane> lanes = this.jdbc.sql(this.lanes.sql())
			.params(this.lanes.params(JdbcFlowLimits.of(limits).lanes()))
			.query((row, n) -> new FlowStats.Lane(row.getString("queue_name"), row.getString("task_name"),
					limitKey(row.getString("limit_key")), row.getLong("n"), row.getBoolean("limited")))
			.list();
		return new FlowStats(lanes, counts(this.runningByTask), counts(this.runningByQueue));
	}

	/**
	 * How long until the oldest claim instant of a rate-limited name leaves its window.
	 * @param limits the limits of a claim
	 * @return the milliseconds, or {@code null} when no rate window holds any
	 */
	@Nullable Long untilRateFrees(JdbcFlowLimits limits) {
		if (!limits.hasRates()) {
			return null;
		}
		return this.jdbc.sql(this.untilRateFrees.sql())
			.params(this.untilRateFrees.params(limits.lanes()))
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private Map<String, Long> counts(String sql) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql(sql).query((row) -> {
			counts.put(row.getString("k"), row.getLong("n"));
		});
		return counts;
	}

	/**
	 * A limit key as the task table stores it, as the SPI states it.
	 */
	private static @Nullable String limitKey(String stored) {
		return stored.isEmpty() ? null : stored;
	}

}

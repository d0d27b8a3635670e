package io.qtasks.engine.jdbc;

import java.util.List;

import io.qtasks.engine.spi.ClaimRequest;

/**
 * The claim of a request without flow control (no queue share, and no cap or rate on the
 * names it takes): the first due rows of its names and queues in priority then sequence
 * order, {@code FOR UPDATE SKIP LOCKED}, marked as {@link JdbcClaims} marks them. One
 * short statement instead of the flow-control one with all its parts (shares, lanes,
 * rates). Before the claims ran on generic plans ({@link JdbcIndexPlans}), it also spared
 * the usual claim the flow-control statement's planning on every execution (1.6–19 ms
 * against 0.8 ms of execution).
 *
 * @author QTasks contributors
 */
final class JdbcPlainClaims {

	private final JdbcIndexPlans plans;

	private final JdbcTaskCodec codec;

	private final String statement;

	JdbcPlainClaims(JdbcIndexPlans plans, JdbcTables tables, JdbcTaskCodec codec) {
		this.plans = plans;
		this.codec = codec;
		this.statement = tables.sql("WITH " + JdbcTaskQueue.NO_FLUSH + ", args AS (SELECT CAST(? AS TEXT[]) AS names,"
				+ " CAST(? AS TEXT[]) AS queues, CAST(? AS TEXT) AS token_base, CAST(? AS BIGINT) AS lease,"
				+ " CAST(? AS INTEGER) AS most, CAST(? AS TEXT) AS start_node, CAST(? AS TIMESTAMPTZ) AS start_at),"
				+ " picked AS (SELECT t.uuid, t.priority, t.seq FROM {tasks} t, args WHERE t.queue = 'ready'"
				+ " AND (args.names IS NULL OR t.task_name = ANY (args.names))"
				+ " AND (args.queues IS NULL OR t.queue_name = ANY (args.queues)) ORDER BY t.priority, t.seq"
				+ " LIMIT (SELECT most FROM args) FOR UPDATE OF t SKIP LOCKED),"
				+ " numbered AS (SELECT uuid, row_number() OVER (ORDER BY priority, seq) AS n FROM picked)"
				+ " UPDATE {tasks} t SET queue = 'claimed', claim_token = " + JdbcClaims.ARGS_TOKEN + ", holder = "
				+ JdbcClaims.ARGS_TOKEN + ", lease_until = now() + args.lease * interval '1 millisecond',"
				+ " deliveries = t.deliveries + 1, revision = t.revision + 1, "
				+ JdbcClaims.startColumns("args.start_node", "args.start_at") + " FROM numbered, args, no_flush"
				+ " WHERE t.uuid = numbered.uuid RETURNING t.uuid, t.task_name, t.record, t.revision, t.holder,"
				+ " t.cancel_request, t.claim_token, t.deliveries, t.start_at, t.start_node, t.start_deliveries,"
				+ " t.start_revision, numbered.n");
	}

	/**
	 * Whether a request has no flow control to apply.
	 * @param request the request
	 * @param limits its limits
	 * @return {@code true} when this statement can claim for it
	 */
	static boolean plain(ClaimRequest request, JdbcFlowLimits limits) {
		return limits.isEmpty() && request.queueMax().isEmpty();
	}

	/**
	 * Claims for a {@link #plain} request.
	 * @param request the request
	 * @param tokenBase the base of the claims' fencing tokens ({@link JdbcClaims#token})
	 * @param leaseMillis the lease
	 * @return the claims, in no particular order
	 */
	List<JdbcClaims.Claimed> claim(ClaimRequest request, String tokenBase, long leaseMillis) {
		Object[] params = { (request.taskNames() != null) ? request.taskNames().toArray(String[]::new) : null,
				(request.queues() != null) ? request.queues().toArray(String[]::new) : null, tokenBase, leaseMillis,
				request.max(), request.startNode(), JdbcClaims.startAt() };
		return this.plans.query(this.statement, params, (row, n) -> JdbcClaims.claimed(row, this.codec));
	}

}

package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.WriteResult;

/**
 * Outcomes and the claim of the next tasks in one statement: the final records of claimed
 * tasks are written, each under its own fence, and a due task is claimed for each
 * completion (its slot is free whether or not its write was fenced), as the claim
 * statement of {@link JdbcClaims} claims them (the request's names and queues, priority
 * then sequence order, {@code FOR UPDATE SKIP
 * LOCKED}, a fresh fencing token and a lease each). A completion whose fence is stale
 * writes nothing. The statement commits durably, as the outcomes do on their own; a
 * statement that fails writes and claims nothing. Written final records are announced on
 * the finished channel once the statement has committed.
 * <p>
 * The claim's walk of the ready index runs before the outcomes are written. A claim that
 * meets a row whose claim by another transaction committed after the statement's snapshot
 * locks that row's newest version while it finds that the row is no longer ready, and
 * holds the lock to its commit: the row's own outcome, written by the node running it,
 * waits for it. Walking first, right after the snapshot, leaves fewer such rows to meet
 * than walking after the writes, which may themselves wait for locks.
 *
 * @author QTasks contributors
 */
final class JdbcCompletedClaims {

	private final JdbcIndexPlans plans;

	private final JdbcFencedWrites fenced;

	private final String statement;

	JdbcCompletedClaims(JdbcIndexPlans plans, JdbcTables tables, JdbcFencedWrites fenced) {
		this.plans = plans;
		this.fenced = fenced;
		this.statement = tables.sql(statement());
	}

	private static String statement() {
		String outcomes = "outcome AS (SELECT * FROM " + JdbcGroupedWrites.ROWS + "), args AS (SELECT"
				+ " CAST(? AS TEXT[]) AS names, CAST(? AS TEXT[]) AS queues, CAST(? AS TEXT) AS token_base,"
				+ " CAST(? AS BIGINT) AS lease, CAST(? AS TEXT) AS start_node, CAST(? AS TIMESTAMPTZ) AS start_at),"
				+ " written AS (" + JdbcGroupedWrites.OUTCOMES + ")";
		// the tasks just completed are passed over: a row changes once per statement
		String next = "picked AS (SELECT t.uuid, t.priority, t.seq FROM {tasks} t, args WHERE t.queue = 'ready'"
				+ " AND (args.names IS NULL OR t.task_name = ANY (args.names))"
				+ " AND (args.queues IS NULL OR t.queue_name = ANY (args.queues))"
				+ " AND t.uuid NOT IN (SELECT uuid FROM outcome) ORDER BY t.priority, t.seq"
				+ " LIMIT (SELECT count(*) FROM outcome) FOR UPDATE OF t SKIP LOCKED),"
				+ " numbered AS (SELECT uuid, row_number() OVER (ORDER BY priority, seq) AS n FROM picked),"
				+ " claimed AS (UPDATE {tasks} t SET queue = 'claimed', claim_token = " + JdbcClaims.ARGS_TOKEN
				+ ", holder = " + JdbcClaims.ARGS_TOKEN
				+ ", lease_until = now() + args.lease * interval '1 millisecond',"
				+ " deliveries = t.deliveries + 1, revision = t.revision + 1, "
				+ JdbcClaims.startColumns("args.start_node", "args.start_at") + " FROM numbered, args"
				+ " WHERE t.uuid = numbered.uuid RETURNING t.uuid, t.task_name, t.record, t.revision, t.holder,"
				+ " t.cancel_request, t.claim_token, t.deliveries, t.start_at, t.start_node, t.start_deliveries,"
				+ " t.start_revision, numbered.n)";
		// the claims first, the outcomes after them (see the class comment)
		return "WITH " + outcomes + ", " + next + " SELECT n, uuid, task_name, record, revision, holder,"
				+ " cancel_request, claim_token, deliveries, start_at, start_node, start_deliveries, start_revision"
				+ " FROM claimed UNION ALL SELECT 0, uuid, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
				+ " NULL FROM written";
	}

	/**
	 * Whether completions and a request can go into one statement: a plain request (no
	 * queue shares, caps or rates, see {@link JdbcClaimGroups#combinable}) that does not
	 * wait, and completions of distinct tasks whose fences look at no cancel request,
	 * outside the caller's transaction (as {@link JdbcGroupedWrites#groupable}).
	 */
	static boolean fusable(List<Completion> completions, ClaimRequest next) {
		if (!next.timeout().isZero() || !JdbcClaimGroups.combinable(next)
				|| TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		Set<UUID> tasks = new HashSet<>();
		for (Completion completion : completions) {
			if (completion.fence().refuseOnCancelRequest() || !tasks.add(completion.record().uuid())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes the completions and claims a task for each of their slots.
	 * @param completions {@link #fusable} completions
	 * @param next the request, whose names and queues the claim takes
	 * @param leaseMillis the lease of the claims
	 * @return what each write did, and the claims in claim order
	 */
	CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next, long leaseMillis) {
		List<JdbcGroupedWrites.Row> rows = completions.stream()
			.map((completion) -> new JdbcGroupedWrites.Row(completion.record(), completion.fence(),
					this.fenced.codec().write(completion.record())))
			.toList();
		Object[] params = Arrays.copyOf(JdbcGroupedWrites.rows(rows, this.fenced), 12);
		params[6] = (next.taskNames() != null) ? next.taskNames().toArray(String[]::new) : null;
		params[7] = (next.queues() != null) ? next.queues().toArray(String[]::new) : null;
		params[8] = ClaimTokens.base();
		params[9] = leaseMillis;
		params[10] = next.startNode();
		params[11] = JdbcClaims.startAt();
		Set<UUID> written = new HashSet<>();
		List<JdbcClaims.Claimed> claimed = new ArrayList<>();
		this.plans.query(this.statement, params, (RowCallbackHandler) (row) -> {
			if (row.getLong("n") == 0) {
				written.add(row.getObject("uuid", UUID.class));
			}
			else {
				claimed.add(JdbcClaims.claimed(row, this.fenced.codec()));
			}
		});
		List<WriteResult> results = new ArrayList<>(completions.size());
		for (Completion completion : completions) {
			results.add(this.fenced.result(written.contains(completion.record().uuid()), completion.record(),
					completion.fence()));
		}
		return new CompletedAndClaimed(results,
				claimed.stream()
					.sorted(Comparator.comparingLong(JdbcClaims.Claimed::order))
					.map(JdbcClaims.Claimed::claim)
					.toList());
	}

}

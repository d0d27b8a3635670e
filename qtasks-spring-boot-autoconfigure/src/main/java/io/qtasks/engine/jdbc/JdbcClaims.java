package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.Task;
import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.ClaimStart;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.StoredTask;

/**
 * The claim statement of the JDBC queue, with flow control: it takes the first due rows
 * in priority then sequence order, of the request's names and queues, and
 * <ul>
 * <li>at most the share of a queue the request names ({@link ClaimRequest#queueMax()}),
 * <li>of a limited task name, per lane (name and limit key), at most what its cap leaves
 * (the lane's rows in state {@code claimed}) and what its rate leaves (the lane's claim
 * instants in the rate table within the window, by the database's clock),
 * </ul>
 * passing over what it may not take, so the rows behind are handed out. Each part reads
 * its rows from an index in claim order, so a lane at its cap costs no scan of its rows;
 * the lanes of a limited name are found by a skip scan of the lane index (one index probe
 * per limit key with due rows), and the request's names filter applies to the limited
 * names beforehand ({@link JdbcFlowLimits#of(ClaimRequest)}).
 * <p>
 * Claims of limited names run in a transaction that first takes an advisory lock per
 * limited name that has due tasks (in name order): claimants on every node count the
 * claims and rates of that name one after the other, each seeing what the one before
 * committed. Claims of unlimited names take no lock.
 * <p>
 * The statement runs as {@link JdbcIndexPlans} runs the worker's statements, with index
 * paths on one generic plan: planned for each execution's values instead, it cost 2.9–9
 * ms of planning an execution against 0.8–2 ms of running it on the generic plan.
 *
 * @author QTasks contributors
 */
final class JdbcClaims {

	private static final Logger logger = LoggerFactory.getLogger(JdbcClaims.class);

	private static final String NAMES = "(CAST(:names AS TEXT[]) IS NULL OR t.task_name = ANY (CAST(:names AS TEXT[])))";

	private static final String QUEUES = "(CAST(:queues AS TEXT[]) IS NULL"
			+ " OR t.queue_name = ANY (CAST(:queues AS TEXT[])))";

	private static final String MS = " * interval '1 millisecond'";

	/**
	 * The {@link #token} of a claim statement whose {@code args} row holds the base as
	 * {@code token_base} and whose {@code numbered} rows number the tasks it claims (the
	 * plain claim and the outcome and next claim).
	 */
	static final String ARGS_TOKEN = token("args.token_base", "numbered.n");

	private final JdbcClient jdbc;

	private final JdbcIndexPlans plans;

	private final JdbcTaskCodec codec;

	private final JdbcSql claim;

	private final JdbcPlainClaims plain;

	private final String lock;

	private final String lockPrefix;

	private volatile boolean limitedDue;

	JdbcClaims(JdbcClient jdbc, JdbcIndexPlans plans, JdbcTables tables, JdbcTaskCodec codec) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.codec = codec;
		this.claim = JdbcSql.of(tables.sql(claimStatement()));
		this.plain = new JdbcPlainClaims(plans, tables, codec);
		this.lock = tables.sql("SELECT name, pg_advisory_xact_lock(hashtextextended(? || name, 0)) FROM (SELECT"
				+ " DISTINCT l.name FROM unnest(CAST(? AS TEXT[])) AS l(name) WHERE EXISTS (SELECT 1 FROM {tasks} t"
				+ " WHERE t.queue = 'ready' AND t.task_name = l.name) ORDER BY l.name) due");
		this.lockPrefix = tables.prefix() + "flow:";
	}

	private static String claimStatement() {
		String lanes = "lim AS (SELECT * FROM unnest(CAST(:limited AS TEXT[]), CAST(:caps AS INTEGER[]),"
				+ " CAST(:permits AS INTEGER[]), CAST(:windows AS BIGINT[])) AS l(task_name, cap, permits, window_ms)),"
				+ " share AS (SELECT * FROM unnest(CAST(:shareQueues AS TEXT[]), CAST(:shares AS INTEGER[]))"
				+ " AS s(queue_name, most)), clock AS (SELECT clock_timestamp() AS now),"
				+ " lane AS (SELECT f.task_name, f.limit_key FROM lim CROSS JOIN LATERAL (SELECT t.task_name,"
				+ " t.limit_key FROM {tasks} t WHERE t.queue = 'ready' AND t.task_name = lim.task_name"
				+ " ORDER BY t.limit_key LIMIT 1) f UNION ALL SELECT n.task_name, n.limit_key FROM lane l"
				+ " CROSS JOIN LATERAL (SELECT t.task_name, t.limit_key FROM {tasks} t WHERE t.queue = 'ready'"
				+ " AND t.task_name = l.task_name AND t.limit_key > l.limit_key ORDER BY t.limit_key LIMIT 1) n),"
				+ " room AS (SELECT lane.task_name, lane.limit_key, LEAST(CASE WHEN lim.cap > 0 THEN lim.cap"
				+ " - (SELECT count(*) FROM {tasks} c WHERE c.queue = 'claimed' AND c.task_name = lane.task_name"
				+ " AND c.limit_key = lane.limit_key) ELSE :max END, CASE WHEN lim.permits > 0 THEN lim.permits"
				+ " - (SELECT count(*) FROM {rates} r, clock WHERE r.task_name = lane.task_name"
				+ " AND r.limit_key = lane.limit_key AND r.claimed_at > clock.now - lim.window_ms" + MS
				+ ") ELSE :max END) AS free FROM lane JOIN lim ON lim.task_name = lane.task_name)";
		String columns = "SELECT t.uuid, t.queue_name, t.priority, t.seq FROM {tasks} t WHERE t.queue = 'ready'";
		String unlimited = " AND t.task_name <> ALL (CAST(:limitedAll AS TEXT[])) AND " + NAMES;
		String parts = "free_rows AS (" + columns + unlimited + " AND " + QUEUES
				+ " AND t.queue_name <> ALL (CAST(:shareQueues AS TEXT[])) ORDER BY t.priority, t.seq LIMIT :max),"
				+ " shared_rows AS (SELECT x.* FROM share CROSS JOIN LATERAL (" + columns
				+ " AND t.queue_name = share.queue_name" + unlimited
				+ " ORDER BY t.priority, t.seq LIMIT GREATEST(0, LEAST(share.most, :max))) x" + " WHERE "
				+ QUEUES.replace("t.queue_name", "share.queue_name") + "),"
				+ " lane_rows AS (SELECT x.* FROM room CROSS JOIN LATERAL (" + columns
				+ " AND t.task_name = room.task_name AND t.limit_key = room.limit_key AND " + QUEUES
				+ " AND t.queue_name <> ALL (CAST(:closed AS TEXT[])) ORDER BY t.priority, t.seq"
				+ " LIMIT GREATEST(0, LEAST(room.free, :max))) x)";
		String choice = "candidates AS (SELECT * FROM free_rows UNION ALL SELECT * FROM shared_rows UNION ALL"
				+ " SELECT * FROM lane_rows), ranked AS (SELECT c.uuid, c.priority, c.seq, s.most, row_number()"
				+ " OVER (PARTITION BY c.queue_name ORDER BY c.priority, c.seq) AS place FROM candidates c"
				+ " LEFT JOIN share s ON s.queue_name = c.queue_name), chosen AS (SELECT uuid FROM ranked"
				+ " WHERE most IS NULL OR place <= most ORDER BY priority, seq LIMIT :max),"
				+ " picked AS (SELECT t.uuid, t.priority, t.seq FROM {tasks} t WHERE t.uuid IN (SELECT uuid FROM chosen)"
				+ " AND t.queue = 'ready' FOR UPDATE SKIP LOCKED),"
				+ " numbered AS (SELECT uuid, row_number() OVER (ORDER BY priority, seq) AS n FROM picked)";
		String token = token("CAST(:tokenBase AS TEXT)", "numbered.n");
		String marks = "claimed AS (UPDATE {tasks} t SET queue = 'claimed', claim_token = " + token + ", holder = "
				+ token + ", lease_until = now() + CAST(:lease AS BIGINT)" + MS
				+ ", deliveries = t.deliveries + 1, revision = t.revision + 1, "
				+ startColumns("CAST(:startNode AS TEXT)", "CAST(:startAt AS TIMESTAMPTZ)")
				+ " FROM numbered, no_flush WHERE t.uuid = numbered.uuid RETURNING t.uuid, t.task_name, t.limit_key,"
				+ " t.record, t.revision, t.holder, t.cancel_request, t.claim_token, t.deliveries, t.start_at,"
				+ " t.start_node, t.start_deliveries, t.start_revision, numbered.n),"
				+ " counted AS (INSERT INTO {rates} (task_name, limit_key, claimed_at) SELECT c.task_name,"
				+ " c.limit_key, clock.now FROM claimed c JOIN lim ON lim.task_name = c.task_name, clock"
				+ " WHERE lim.permits > 0 RETURNING 1), trimmed AS (DELETE FROM {rates} r USING lim, clock"
				+ " WHERE r.task_name = lim.task_name AND lim.permits > 0 AND r.claimed_at <= clock.now"
				+ " - lim.window_ms" + MS + " RETURNING 1)";
		return "WITH RECURSIVE " + JdbcTaskQueue.NO_FLUSH + ", " + lanes + ", " + parts + ", " + choice + ", " + marks
				+ " SELECT uuid, task_name, record, revision, holder, cancel_request, claim_token, deliveries,"
				+ " start_at, start_node, start_deliveries, start_revision, n FROM claimed";
	}

	/**
	 * The assignments of a claim's {@code UPDATE} of row {@code t} that store the start
	 * of the task's attempt along with the claim, when the request names the node that
	 * starts what it claims: status {@code process}, and the time, node, delivery count
	 * and revision that {@link JdbcTaskCodec} reads into the record. A start that an
	 * earlier claim stored and nobody wrote over since (its worker died before writing
	 * the record) is kept instead, for the new claimant to mark that attempt lost and
	 * write the record itself; a task with a pending cancel request (it ends without an
	 * attempt) gets none. The start holds for the revision the claim gives the row, so
	 * that a write by a node that does not know these columns (an older version) voids
	 * it.
	 * @param node the SQL of the node, {@code NULL} when the request names none
	 * @param at the SQL of the claim's time
	 * @return the assignments
	 */
	static String startColumns(String node, String at) {
		String kept = "(t.start_at IS NOT NULL AND t.start_revision = t.revision)";
		String starts = "(" + node + " IS NOT NULL AND t.cancel_request IS NULL AND NOT " + kept + ")";
		return "status = CASE WHEN " + starts + " THEN 'process' ELSE t.status END, start_at = CASE WHEN " + starts
				+ " THEN " + at + " WHEN " + kept + " THEN t.start_at END, start_node = CASE WHEN " + starts + " THEN "
				+ node + " WHEN " + kept + " THEN t.start_node END, start_deliveries = CASE WHEN " + starts
				+ " THEN t.deliveries + 1 WHEN " + kept + " THEN t.start_deliveries END,"
				+ " start_revision = CASE WHEN " + starts + " OR " + kept + " THEN t.revision + 1 END";
	}

	/**
	 * The fencing token of the claim of the {@code n}th task a statement claims: the
	 * statement's random base ({@link ClaimTokens#base()}, 24 hex digits) followed by
	 * {@code n} in 8 hex digits, 32 digits in all as a token of
	 * {@link ClaimTokens#next()}. One value travels per statement however many tasks it
	 * may take, and tokens stay random across statements.
	 * @param base the SQL of the base
	 * @param n the SQL of the task's number within the statement, from 1
	 * @return the SQL of the token
	 */
	static String token(String base, String n) {
		return "(" + base + " || lpad(to_hex(" + n + "), 8, '0'))";
	}

	/**
	 * The time a claim made now stores as the start of the attempts it starts, in
	 * milliseconds (which PostgreSQL keeps exactly), so that the record every node reads
	 * back is the one the claimant was handed.
	 * @return the time
	 */
	static Timestamp startAt() {
		return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Claims what the request may take now.
	 * @param request the request
	 * @param leaseMillis the lease
	 * @return the claims, in claim order
	 */
	List<QueueClaim> claim(ClaimRequest request, long leaseMillis) {
		JdbcFlowLimits limits = JdbcFlowLimits.of(request);
		String tokenBase = ClaimTokens.base();
		if (JdbcPlainClaims.plain(request, limits)) {
			return inOrder(this.plain.claim(request, tokenBase, leaseMillis));
		}
		Map<String, @Nullable Object> values = new HashMap<>();
		values.put("names", (request.taskNames() != null) ? request.taskNames().toArray(String[]::new) : null);
		values.put("queues", (request.queues() != null) ? request.queues().toArray(String[]::new) : null);
		values.put("max", request.max());
		values.put("tokenBase", tokenBase);
		values.put("lease", leaseMillis);
		values.put("startNode", request.startNode());
		values.put("startAt", startAt());
		values.put("limitedAll", limits.names());
		values.putAll(limits.shares(request));
		List<Claimed> claimed;
		if (limits.isEmpty()) {
			values.putAll(limits.lanes(Set.of()));
			claimed = run(values);
		}
		else {
			claimed = this.plans.inNewTransaction((status) -> {
				Set<String> due = lockDue(limits.names());
				this.limitedDue = !due.isEmpty();
				values.putAll(limits.lanes(due));
				return run(values);
			});
		}
		return (claimed != null) ? inOrder(claimed) : List.of();
	}

	private static List<QueueClaim> inOrder(List<Claimed> claimed) {
		return claimed.stream().sorted(Comparator.comparingLong(Claimed::order)).map(Claimed::claim).toList();
	}

	/**
	 * Whether the last claim with limits found due tasks of a limited name: then the end
	 * of any claim may let a claimant take more.
	 * @return {@code true} when it did
	 */
	boolean limitedDue() {
		return this.limitedDue;
	}

	/**
	 * Locks the limited names that have due tasks, in name order.
	 * @return the names locked
	 */
	private Set<String> lockDue(String[] limited) {
		return Set.copyOf(
				this.jdbc.sql(this.lock).params(this.lockPrefix, limited).query((row, n) -> row.getString(1)).list());
	}

	private List<Claimed> run(Map<String, @Nullable Object> values) {
		return this.plans.query(this.claim.sql(), this.claim.params(values), (row, n) -> claimed(row, this.codec));
	}

	/**
	 * Reads a row of a claim: a record that cannot be read leaves the claim without it. A
	 * start that this claim stored (its delivery count is the claim's) comes with the
	 * record as it was before; one that an earlier claim stored is read into the record.
	 */
	static Claimed claimed(ResultSet row, JdbcTaskCodec codec) throws SQLException {
		UUID uuid = row.getObject("uuid", UUID.class);
		int deliveries = row.getInt("deliveries");
		StoredTask stored;
		ClaimStart start = null;
		try {
			long revision = row.getLong("revision");
			Task task = codec.record(uuid, row.getString("record"), row.getString("task_name"), revision);
			ClaimStart found = codec.start(row, task);
			boolean now = found != null && row.getInt("start_deliveries") == deliveries;
			stored = JdbcTaskCodec.stored(row, (found != null && !now) ? found.record() : task, revision);
			start = now ? found : null;
		}
		catch (RuntimeException ex) {
			// the engine reads the record again and ends the task, saying why
			logger.debug("Claimed task {} has an unreadable record: {}", uuid, LogSafe.text(ex.getMessage()));
			stored = null;
		}
		QueueClaim claim = new QueueClaim(uuid, row.getString("claim_token"), deliveries, stored, start);
		return new Claimed(row.getLong("n"), claim);
	}

	record Claimed(long order, QueueClaim claim) {

	}

}

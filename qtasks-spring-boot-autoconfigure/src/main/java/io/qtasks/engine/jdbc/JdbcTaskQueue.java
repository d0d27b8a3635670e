package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.WakeSignal;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQueue;

/**
 * A queue in the task table, shared by every node on the database: due tasks are the rows
 * in queue state {@code ready}, ordered by priority then sequence; waiting tasks
 * ({@code waiting}) get a new sequence, earliest due first, when they become due. A claim
 * is one statement that takes up to the free slots with {@code FOR UPDATE SKIP LOCKED}
 * (claimants on other nodes skip the rows it holds instead of waiting for them), marks
 * them claimed with a random fencing token and a lease, and returns their records.
 * <p>
 * A claimant that finds nothing waits for a notification on the wake channel (queueing a
 * task sends one when its transaction commits), for the next waiting task to become due,
 * or at most the poll interval, in case notifications were lost.
 *
 * @author QTasks contributors
 */
public class JdbcTaskQueue implements TaskQueue {

	private static final Logger logger = LoggerFactory.getLogger(JdbcTaskQueue.class);

	/**
	 * The most waiting tasks one claim moves to the queue once they are due.
	 */
	private static final int PROMOTE_BATCH = 500;

	private static final int MAX_REPORTED_PRIORITIES = 100;

	/**
	 * A common table expression that makes its statement commit without waiting for the
	 * WAL flush ({@code synchronous_commit = off} for that transaction only), for the
	 * statements whose loss in a database crash at-least-once delivery covers: claims,
	 * promotions of due tasks and lease extensions (a task whose claim was forgotten is
	 * handed out again). Enqueues and outcomes stay durable.
	 */
	static final String NO_FLUSH = "no_flush AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)";

	static final String DUE = "(queue = 'ready' OR (queue = 'waiting' AND due_at <= now()))";

	private final JdbcClient jdbc;

	private final JdbcTables tables;

	private final JdbcTaskCodec codec;

	private final JdbcEngineSettings settings;

	private final WakeSignal wake = new WakeSignal();

	private final String enqueue;

	private final String promote;

	private final String claimAny;

	private final String claimNamed;

	private final String untilNextDue;

	private final String extend;

	private final String ack;

	private final String release;

	private final String remove;

	private final String pending;

	private final String waiting;

	private final String byPriority;

	private final String byTaskName;

	/**
	 * Creates a queue; {@link #listen(JdbcNotifications)} before use.
	 * @param jdbc the database access
	 * @param tables the table names
	 * @param codec reads the records that claims return
	 * @param settings the lease and the poll interval
	 */
	public JdbcTaskQueue(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, JdbcEngineSettings settings) {
		this.jdbc = jdbc;
		this.tables = tables;
		this.codec = codec;
		this.settings = settings;
		this.enqueue = tables.sql("WITH queued AS (UPDATE {tasks} SET seq = nextval('{seq}'), " + queueAt("?")
				+ " WHERE uuid = ? AND queue IS NULL AND status NOT IN ('success', 'error', 'cancel') RETURNING uuid)"
				+ " SELECT count(pg_notify(?, '')) FROM queued");
		this.promote = tables.sql("WITH " + NO_FLUSH + " UPDATE {tasks} t SET queue = 'ready', due_at = NULL,"
				+ " seq = due.seq FROM no_flush,"
				+ " (SELECT uuid, nextval('{seq}') AS seq FROM (SELECT uuid FROM {tasks} WHERE queue = 'waiting'"
				+ " AND due_at <= now() ORDER BY due_at, seq LIMIT " + PROMOTE_BATCH
				+ " FOR UPDATE SKIP LOCKED) ordered) due WHERE t.uuid = due.uuid");
		this.claimAny = claimStatement(tables, "");
		this.claimNamed = claimStatement(tables, " AND task_name = ANY (CAST(? AS TEXT[]))");
		this.untilNextDue = tables.sql("SELECT CAST(EXTRACT(EPOCH FROM (min(due_at) - now())) * 1000 AS BIGINT)"
				+ " FROM {tasks} WHERE queue = 'waiting'");
		this.extend = tables.sql("WITH " + NO_FLUSH + " UPDATE {tasks} t SET lease_until = now() + ? * interval"
				+ " '1 millisecond' FROM no_flush, unnest(CAST(? AS UUID[]), CAST(? AS TEXT[])) AS held(uuid, token) WHERE t.uuid = held.uuid"
				+ " AND t.claim_token = held.token AND t.queue = 'claimed' RETURNING t.claim_token");
		this.ack = tables.sql("UPDATE {tasks} SET queue = NULL, claim_token = NULL, lease_until = NULL"
				+ " WHERE uuid = ? AND claim_token = ?");
		this.release = tables.sql("WITH released AS (UPDATE {tasks} SET claim_token = NULL, lease_until = NULL, "
				+ queueAt("?") + " WHERE uuid = ? AND claim_token = ? RETURNING uuid)"
				+ " SELECT (SELECT count(*) FROM released) AS released,"
				+ " (SELECT count(pg_notify(?, '')) FROM released) AS notified");
		this.remove = tables.sql(
				"UPDATE {tasks} SET queue = NULL, due_at = NULL WHERE uuid = ?" + " AND queue IN ('ready', 'waiting')");
		this.pending = tables.sql("SELECT count(*) FROM {tasks} WHERE " + DUE);
		this.waiting = tables.sql("SELECT count(*) FROM {tasks} WHERE queue = 'waiting' AND due_at > now()");
		this.byPriority = tables.sql("SELECT priority, count(*) AS n FROM {tasks} WHERE " + DUE
				+ " GROUP BY priority ORDER BY priority LIMIT " + MAX_REPORTED_PRIORITIES);
		this.byTaskName = tables
			.sql("SELECT task_name, count(*) AS n FROM {tasks} WHERE " + DUE + " GROUP BY task_name");
	}

	/**
	 * Assignments that queue a task now (a delay of 0 or less, at the place its sequence
	 * gives it) or waiting for the delay (milliseconds, the one parameter), by the
	 * database's clock, so that clock skew between nodes shifts no due time.
	 */
	static String queueAt(String delayMillis) {
		return "queue = CASE WHEN CAST(" + delayMillis + " AS BIGINT) > 0 THEN 'waiting' ELSE 'ready' END,"
				+ " due_at = CASE WHEN CAST(" + delayMillis + " AS BIGINT) > 0 THEN now() + CAST(" + delayMillis
				+ " AS BIGINT) * interval '1 millisecond' END";
	}

	/**
	 * The claim: the first due rows this claimant may take, skipping those other
	 * claimants hold, each marked claimed with its own token (an array parameter, in
	 * claim order), the record's holder set to it and its revision moved on. Parameters:
	 * the names filter (when present), the limit, the tokens (twice), the lease in ms.
	 */
	private static String claimStatement(JdbcTables tables, String namesFilter) {
		return tables
			.sql("WITH " + NO_FLUSH + ", picked AS (SELECT uuid, priority, seq FROM {tasks} WHERE queue = 'ready'"
					+ namesFilter + " ORDER BY priority, seq LIMIT ? FOR UPDATE SKIP LOCKED),"
					+ " numbered AS (SELECT uuid, row_number() OVER (ORDER BY priority, seq) AS n FROM picked)"
					+ " UPDATE {tasks} t SET queue = 'claimed', claim_token = (CAST(? AS TEXT[]))[numbered.n],"
					+ " holder = (CAST(? AS TEXT[]))[numbered.n], lease_until = now() + ? * interval '1 millisecond',"
					+ " deliveries = t.deliveries + 1, revision = t.revision + 1 FROM numbered, no_flush"
					+ " WHERE t.uuid = numbered.uuid"
					+ " RETURNING t.uuid, t.task_name, t.record, t.revision, t.holder, t.cancel_request, t.claim_token,"
					+ " t.deliveries, numbered.n");
	}

	/**
	 * Wakes the claimants of this node on the wake channel's notifications, and when
	 * notifications may have been missed.
	 * @param notifications the engine's listening connection
	 */
	public void listen(JdbcNotifications notifications) {
		notifications.listen(this.tables.wakeChannel(), (payload) -> this.wake.signal(), this.wake::signal);
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public boolean isShared() {
		return true;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The task's row must exist (stored by {@link JdbcTaskRecordStore#insert}).
	 */
	@Override
	public void enqueue(QueueEntry entry) {
		long delay = delayMillis(entry.dueAt());
		this.jdbc.sql(this.enqueue)
			.params(delay, delay, delay, entry.uuid(), this.tables.wakeChannel())
			.query(Long.class)
			.single();
	}

	@Override
	public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
		long deadline = System.nanoTime() + request.timeout().toNanos();
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			long seen = this.wake.generation();
			List<QueueClaim> claims = claimOnce(request);
			long remaining = deadline - System.nanoTime();
			if (!claims.isEmpty() || remaining <= 0) {
				return claims;
			}
			long wait = Math.min(remaining, this.settings.pollInterval().toNanos());
			Long untilDue = this.jdbc.sql(this.untilNextDue).query(Long.class).optional().orElse(null);
			if (untilDue != null) {
				wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(Math.max(1, untilDue + 1)));
			}
			this.wake.await(seen, wait, TimeUnit.NANOSECONDS);
		}
	}

	private List<QueueClaim> claimOnce(ClaimRequest request) {
		this.jdbc.sql(this.promote).update();
		List<String> tokens = new ArrayList<>(request.max());
		for (int i = 0; i < request.max(); i++) {
			tokens.add(ClaimTokens.next());
		}
		String[] tokenArray = tokens.toArray(String[]::new);
		Set<String> names = request.taskNames();
		JdbcClient.StatementSpec claim = (names != null)
				? this.jdbc.sql(this.claimNamed)
					.params(names.toArray(String[]::new), request.max(), tokenArray, tokenArray,
							this.settings.lease().toMillis())
				: this.jdbc.sql(this.claimAny)
					.params(request.max(), tokenArray, tokenArray, this.settings.lease().toMillis());
		List<Claimed> claimed = claim.query((row, n) -> claimed(row)).list();
		return claimed.stream().sorted(Comparator.comparingLong(Claimed::order)).map(Claimed::claim).toList();
	}

	private Claimed claimed(ResultSet row) throws SQLException {
		UUID uuid = row.getObject("uuid", UUID.class);
		StoredTask stored;
		try {
			stored = this.codec.stored(row);
		}
		catch (RuntimeException ex) {
			// the engine reads the record again and ends the task, saying why
			logger.debug("Claimed task {} has an unreadable record: {}", uuid, LogSafe.text(ex.getMessage()));
			stored = null;
		}
		QueueClaim claim = new QueueClaim(uuid, row.getString("claim_token"), row.getInt("deliveries"), stored);
		return new Claimed(row.getLong("n"), claim);
	}

	@Override
	public Optional<Duration> renewalInterval() {
		return Optional.of(this.settings.heartbeatInterval());
	}

	@Override
	public Set<String> extend(Collection<QueueClaim> claims) {
		if (claims.isEmpty()) {
			return Set.of();
		}
		String[] uuids = claims.stream().map((claim) -> claim.uuid().toString()).toArray(String[]::new);
		String[] tokens = claims.stream().map(QueueClaim::token).toArray(String[]::new);
		Set<String> held = new HashSet<>(this.jdbc.sql(this.extend)
			.params(this.settings.lease().toMillis(), uuids, tokens)
			.query(String.class)
			.list());
		Set<String> lost = new HashSet<>();
		claims.stream().map(QueueClaim::token).filter((token) -> !held.contains(token)).forEach(lost::add);
		return lost;
	}

	@Override
	public boolean ack(QueueClaim claim) {
		return this.jdbc.sql(this.ack).params(claim.uuid(), claim.token()).update() == 1;
	}

	@Override
	public boolean release(QueueClaim claim, @Nullable Instant until) {
		long delay = delayMillis(until);
		return this.jdbc.sql(this.release)
			.params(delay, delay, delay, claim.uuid(), claim.token(), this.tables.wakeChannel())
			.query((row, n) -> row.getLong("released"))
			.single() == 1;
	}

	@Override
	public boolean remove(UUID uuid) {
		return this.jdbc.sql(this.remove).param(uuid).update() == 1;
	}

	@Override
	public long pendingCount() {
		return this.jdbc.sql(this.pending).query(Long.class).single();
	}

	@Override
	public long waitingCount() {
		return this.jdbc.sql(this.waiting).query(Long.class).single();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Reports at most the 100 lowest priorities that have due tasks.
	 */
	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		SortedMap<Integer, Long> counts = new TreeMap<>();
		this.jdbc.sql(this.byPriority).query((row) -> {
			counts.put(row.getInt("priority"), row.getLong("n"));
		});
		return counts;
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql(this.byTaskName).query((row) -> {
			counts.put(row.getString("task_name"), row.getLong("n"));
		});
		return counts;
	}

	/**
	 * The delay until an instant, from this node's now; the statements add it to the
	 * database's now.
	 * @param until the instant, or {@code null} for now
	 * @return the delay in milliseconds, 0 when due
	 */
	static long delayMillis(@Nullable Instant until) {
		return (until != null) ? Math.max(0, Duration.between(Instant.now(), until).toMillis()) : 0;
	}

	private record Claimed(long order, QueueClaim claim) {

	}

}

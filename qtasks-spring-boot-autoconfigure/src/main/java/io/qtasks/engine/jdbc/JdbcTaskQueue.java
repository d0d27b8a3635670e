package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.engine.WakeSignal;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.engine.spi.TaskQueue;

/**
 * A queue in the task table, shared by every node on the database: due tasks are the rows
 * in queue state {@code ready}, ordered by priority then sequence; waiting tasks
 * ({@code waiting}) get a new sequence, earliest due first, when they become due. A claim
 * is one statement that takes up to the free slots with {@code FOR UPDATE SKIP LOCKED}
 * (claimants on other nodes skip the rows it holds instead of waiting for them), marks
 * them claimed with a random fencing token and a lease, and returns their records. Each
 * row carries its named queue and limit key, and the claim enforces the request's queues,
 * queue shares and the caps and rates of task names across every node (see
 * {@link JdbcClaims}); every end of a claim (outcome, hand-back, lease run out) moves the
 * row out of state {@code claimed}, which counts it off its cap. The flow figures are
 * counted in the task and rate tables, across every node.
 * <p>
 * A claimant that finds nothing waits for a notification on the wake channel (queueing a
 * task sends one when its transaction commits), for the next waiting task to become due,
 * or at most the poll interval, in case notifications were lost.
 *
 * @author QTasks contributors
 */
public class JdbcTaskQueue implements TaskQueue {

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

	private final JdbcDueTasks due;

	private final JdbcClaims claims;

	private final JdbcCapWaits capWaits;

	private final JdbcClaimGroups groups;

	private final JdbcFlowStats flow;

	private final JdbcQueueCounts counts;

	private final String extend;

	private final String ack;

	private final String release;

	private final String remove;

	/**
	 * Creates a queue; {@link #listen(JdbcNotifications)} before use.
	 * @param dataSource the database
	 * @param tables the table names
	 * @param codec reads the records that claims return
	 * @param settings the lease and the poll interval
	 */
	public JdbcTaskQueue(DataSource dataSource, JdbcTables tables, JdbcTaskCodec codec, JdbcEngineSettings settings) {
		this.jdbc = JdbcClient.create(dataSource);
		this.tables = tables;
		this.codec = codec;
		this.settings = settings;
		this.enqueue = tables.sql("WITH queued AS (UPDATE {tasks} SET seq = nextval('{seq}'), " + queueAt("?")
				+ ", queue_name = ?, limit_key = ? WHERE uuid = ? AND queue IS NULL AND status NOT IN ('success', 'error', 'cancel') RETURNING uuid)"
				+ " SELECT count(pg_notify(?, '')) FROM queued");
		this.due = new JdbcDueTasks(this.jdbc, tables);
		this.claims = new JdbcClaims(this.jdbc, new JdbcIndexPlans(dataSource), tables, codec);
		this.capWaits = new JdbcCapWaits(JdbcWaiters.listing(dataSource, tables), this.claims::limitedDue);
		this.groups = new JdbcClaimGroups((combined) -> this.claims.claim(combined, settings.lease().toMillis()));
		this.flow = new JdbcFlowStats(this.jdbc, tables);
		this.counts = new JdbcQueueCounts(this.jdbc, tables);
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
	 * Wakes the claimants of this node on the wake channel's notifications, and when
	 * notifications may have been missed; and, while tasks wait for a cap or rate, when a
	 * task finished (its claim ended, so a capped task may start).
	 * @param notifications the engine's listening connection
	 */
	public void listen(JdbcNotifications notifications) {
		notifications.listen(this.tables.wakeChannel(), (payload) -> this.wake.signal(), this.wake::signal);
		this.capWaits.listen(notifications, this.tables, this.wake);
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
			.params(delay, delay, delay, entry.queue(), JdbcTaskRecordStore.limitKey(entry.limitKey()), entry.uuid(),
					this.tables.wakeChannel())
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
			List<QueueClaim> claims = claimPromoted(request.max(), (lease) -> JdbcClaimGroups.combinable(request)
					? this.groups.claim(request) : this.claims.claim(request, lease));
			long remaining = deadline - System.nanoTime();
			if (!claims.isEmpty() || remaining <= 0) {
				return claims;
			}
			if (this.capWaits.listedJustNow()) {
				continue;
			}
			long wait = Math.min(remaining, this.settings.pollInterval().toNanos());
			Long untilDue = this.due.untilNextDue();
			if (untilDue != null) {
				wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(Math.max(1, untilDue + 1)));
			}
			Long untilRateFrees = this.flow.untilRateFrees(JdbcFlowLimits.of(request));
			if (untilRateFrees != null) {
				wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(Math.max(1, untilRateFrees + 1)));
			}
			this.wake.await(seen, wait, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * One claim of at most {@code max} tasks, given the lease in milliseconds: due
	 * waiting tasks first move to the queue ({@link JdbcDueTasks}). A plain request
	 * claims in a group with the other threads' requests of the moment
	 * ({@link JdbcClaimGroups}), any other on its own.
	 */
	List<QueueClaim> claimPromoted(int max, LongFunction<List<QueueClaim>> claim) {
		this.due.promote();
		List<QueueClaim> claimed = claim.apply(this.settings.lease().toMillis());
		this.due.claimed(claimed.size() == max);
		return claimed;
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
		return this.counts.pendingCount();
	}

	@Override
	public long waitingCount() {
		return this.counts.waitingCount();
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.counts.pendingCountByPriority();
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		return this.counts.pendingCountByTaskName();
	}

	@Override
	public FlowStats flowStats(Map<String, TaskLimits> limits) {
		return this.flow.stats(limits);
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

}

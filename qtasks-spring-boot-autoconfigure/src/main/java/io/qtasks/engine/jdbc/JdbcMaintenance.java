package io.qtasks.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.engine.BatchedSweeps;

/**
 * The housekeeping of the JDBC engine, safe to run on any number of nodes at once: tasks
 * whose lease ran out go back to the queue at their old place (their node is gone or
 * stuck), finished records past their TTL and the rows of worker nodes and of waiting
 * nodes that ran out are deleted, each in bounded batches so that a run never holds locks
 * or a connection for long.
 * <p>
 * It also keeps the task table's statistics and free space in shape without autovacuum: a
 * queue table swings between empty and full, and on a database where autovacuum is off
 * (or lags) its dead rows would pile up. When the dead rows outnumber a fifth of the live
 * ones (and a thousand), one node at a time, chosen by an advisory lock, runs
 * {@code VACUUM (ANALYZE)} on it; the vacuum never blocks the claims and writes.
 *
 * @author QTasks contributors
 */
public class JdbcMaintenance {

	private static final Logger logger = LoggerFactory.getLogger(JdbcMaintenance.class);

	private static final int BATCH = 1000;

	private static final int MAX_BATCHES = 10;

	private static final BatchedSweeps SWEEPS = new BatchedSweeps(BATCH, MAX_BATCHES);

	private static final long MIN_DEAD_ROWS = 1000;

	private static final Duration MIN_VACUUM_INTERVAL = Duration.ofSeconds(30);

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	private final JdbcTables tables;

	private final String reap;

	private final String expire;

	private final String expireNodes;

	private final String expireWaiters;

	private final String deadRows;

	private final Duration minVacuumInterval;

	private long lastVacuum;

	/**
	 * Creates the housekeeping.
	 * @param template the database access
	 * @param tables the table names
	 */
	public JdbcMaintenance(JdbcTemplate template, JdbcTables tables) {
		this(template, tables, MIN_VACUUM_INTERVAL);
	}

	JdbcMaintenance(JdbcTemplate template, JdbcTables tables, Duration minVacuumInterval) {
		this.template = template;
		this.minVacuumInterval = minVacuumInterval;
		this.jdbc = JdbcClient.create(template);
		this.tables = tables;
		this.reap = tables.sql("WITH reaped AS (UPDATE {tasks} t SET queue = 'ready', claim_token = NULL,"
				+ " lease_until = NULL FROM (SELECT uuid FROM {tasks} WHERE queue = 'claimed' AND lease_until < now()"
				+ " ORDER BY lease_until LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) expired"
				+ " WHERE t.uuid = expired.uuid RETURNING t.uuid)"
				+ " SELECT uuid, (SELECT count(pg_notify(?, '')) FROM (SELECT 1 FROM reaped LIMIT 1) one) AS notified"
				+ " FROM reaped");
		this.expire = tables.sql("WITH expired AS (DELETE FROM {tasks} WHERE uuid IN (SELECT uuid FROM {tasks}"
				+ " WHERE expires_at <= now() ORDER BY expires_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED)"
				+ " RETURNING uuid), freed AS (DELETE FROM {unique} WHERE uuid IN (SELECT uuid FROM expired))"
				+ " SELECT count(*) FROM expired");
		this.expireNodes = tables.sql("DELETE FROM {nodes} WHERE expires_at <= now()");
		this.expireWaiters = tables.sql("DELETE FROM {waiters} WHERE expires_at <= now()");
		this.deadRows = "SELECT n_dead_tup > greatest(" + MIN_DEAD_ROWS + ", n_live_tup / 5) FROM pg_stat_user_tables"
				+ " WHERE relid = to_regclass(?)";
	}

	/**
	 * One run: expired leases, expired records, nodes and waiters, and a vacuum when the
	 * table needs one.
	 */
	public void run() {
		requeueExpiredLeases();
		expireFinishedRecords();
		this.jdbc.sql(this.expireNodes).update();
		this.jdbc.sql(this.expireWaiters).update();
		vacuumIfNeeded();
	}

	/**
	 * Returns tasks whose lease ran out to the queue, at their old place.
	 * @return the uuids of the tasks put back
	 */
	public List<UUID> requeueExpiredLeases() {
		return SWEEPS.requeueExpiredLeases(() -> this.jdbc.sql(this.reap)
			.param(this.tables.wakeChannel())
			.query((row, n) -> row.getObject("uuid", UUID.class))
			.list());
	}

	/**
	 * Deletes finished records past their TTL, and the unique keys they took last (a
	 * holder that is gone holds nothing).
	 * @return how many were deleted
	 */
	public long expireFinishedRecords() {
		return SWEEPS.count(() -> this.jdbc.sql(this.expire).query(Long.class).single());
	}

	/**
	 * Vacuums and analyzes the task table when its dead rows pile up, on one node at a
	 * time and at most every 30 seconds from this node.
	 * @return whether this node vacuumed
	 */
	public boolean vacuumIfNeeded() {
		long now = System.nanoTime();
		if (this.lastVacuum != 0 && now - this.lastVacuum < this.minVacuumInterval.toNanos()) {
			return false;
		}
		Boolean needed = this.jdbc.sql(this.deadRows)
			.param(this.tables.tasks())
			.query(Boolean.class)
			.optional()
			.orElse(false);
		if (!Boolean.TRUE.equals(needed)) {
			return false;
		}
		return vacuum();
	}

	/**
	 * Vacuums and analyzes the task table unless another node does it now.
	 * @return whether this node vacuumed
	 */
	public boolean vacuum() {
		long key = this.tables.lockKey("vacuum");
		Boolean vacuumed = this.template.execute((ConnectionCallback<Boolean>) (connection) -> {
			if (!connection.getAutoCommit()) {
				return false;
			}
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key);
				try (ResultSet locked = lock.executeQuery()) {
					if (!locked.next() || !locked.getBoolean(1)) {
						return false;
					}
				}
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("VACUUM (ANALYZE) " + this.tables.tasks());
				return true;
			}
			finally {
				try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
					unlock.setLong(1, key);
					unlock.execute();
				}
			}
		});
		if (Boolean.TRUE.equals(vacuumed)) {
			this.lastVacuum = System.nanoTime();
			logger.debug("Vacuumed and analyzed {}", this.tables.tasks());
		}
		return Boolean.TRUE.equals(vacuumed);
	}

}

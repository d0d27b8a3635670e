package io.qtasks.engine.jdbc;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waiting tasks (retries, delays) that become due: moved to the back of their priority in
 * the queue, earliest due first, before a claim. A node whose claims keep coming back
 * full skips the move for at most {@value #PROMOTE_INTERVAL_MILLIS} ms: a due task would
 * join the back of the queue it is working through anyway, and the claim saves a
 * statement. A claim that comes back short (the queue runs dry) moves them before the
 * next one.
 *
 * @author QTasks contributors
 */
final class JdbcDueTasks {

	/**
	 * The most waiting tasks one claim moves to the queue once they are due.
	 */
	private static final int PROMOTE_BATCH = 500;

	static final long PROMOTE_INTERVAL_MILLIS = 100;

	private static final long PROMOTE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(PROMOTE_INTERVAL_MILLIS);

	private final JdbcClient jdbc;

	private final String promote;

	private final String untilNextDue;

	private volatile long promotedAt = System.nanoTime() - PROMOTE_INTERVAL_NANOS;

	private volatile boolean lastClaimFull;

	JdbcDueTasks(JdbcClient jdbc, JdbcTables tables) {
		this.jdbc = jdbc;
		this.promote = tables.sql("WITH " + JdbcTaskQueue.NO_FLUSH + " UPDATE {tasks} t SET queue = 'ready',"
				+ " due_at = NULL, seq = due.seq FROM no_flush,"
				+ " (SELECT uuid, nextval('{seq}') AS seq FROM (SELECT uuid FROM {tasks} WHERE queue = 'waiting'"
				+ " AND due_at <= now() ORDER BY due_at, seq LIMIT " + PROMOTE_BATCH
				+ " FOR UPDATE SKIP LOCKED) ordered) due WHERE t.uuid = due.uuid");
		this.untilNextDue = tables.sql("SELECT CAST(EXTRACT(EPOCH FROM (min(due_at) - now())) * 1000 AS BIGINT)"
				+ " FROM {tasks} WHERE queue = 'waiting'");
	}

	/**
	 * Moves the due waiting tasks to the queue, unless this node's claims came back full
	 * lately.
	 */
	void promote() {
		long now = System.nanoTime();
		if (!this.lastClaimFull || now - this.promotedAt >= PROMOTE_INTERVAL_NANOS) {
			this.promotedAt = now;
			this.jdbc.sql(this.promote).update();
		}
	}

	/**
	 * Tells how the last claim went.
	 * @param full whether it got all it asked for
	 */
	void claimed(boolean full) {
		this.lastClaimFull = full;
	}

	/**
	 * How long until the next waiting task is due.
	 * @return milliseconds (0 or less when one is due), or {@code null} when none waits
	 */
	@Nullable Long untilNextDue() {
		return this.jdbc.sql(this.untilNextDue).query(Long.class).optional().orElse(null);
	}

}

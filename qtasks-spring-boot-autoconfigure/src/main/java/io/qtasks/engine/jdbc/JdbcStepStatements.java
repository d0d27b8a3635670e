package io.qtasks.engine.jdbc;

/**
 * The SQL of the {@link JdbcTaskSteps} that are one plain statement on a task's row, with
 * the configured table names.
 *
 * @param complete ends a claim with its final record, under the record's fence
 * @param release puts a claimed task back (due now or waiting until a delay), under the
 * record's fence
 * @param cancelQueued cancels a task that waits in the queue, and announces it
 * @param releaseWaiting makes a waiting task due now
 * @param requeue queues a task again at the back of its priority, and wakes the claimants
 * @author QTasks contributors
 */
record JdbcStepStatements(String complete, String release, String cancelQueued, String releaseWaiting, String requeue) {

	static JdbcStepStatements of(JdbcTables tables) {
		String complete = JdbcFencedWrites.statement(tables,
				"queue = NULL, claim_token = NULL, lease_until = NULL, due_at = NULL");
		String release = JdbcFencedWrites.statement(tables, "claim_token = CASE WHEN claim_token = ? THEN NULL"
				+ " ELSE claim_token END, lease_until = CASE WHEN claim_token = ? THEN NULL ELSE lease_until END,"
				+ " queue = CASE WHEN claim_token = ? THEN (CASE WHEN CAST(? AS BIGINT) > 0 THEN 'waiting' ELSE 'ready'"
				+ " END) ELSE queue END, due_at = CASE WHEN claim_token = ? AND CAST(? AS BIGINT) > 0 THEN now()"
				+ " + CAST(? AS BIGINT) * interval '1 millisecond' ELSE due_at END");
		String cancelQueued = tables.sql(notifying("cancelled",
				"UPDATE {tasks} SET record = ?, status = ?, " + JdbcTaskCodec.NO_START + ","
						+ " revision = revision + 1, holder = NULL, cancel_request = NULL, queue = NULL, due_at = NULL,"
						+ " expires_at = now() + ? * interval '1 millisecond' WHERE uuid = ? AND revision = ?"
						+ " AND queue IN ('ready', 'waiting')",
				"uuid::text"));
		String releaseWaiting = tables
			.sql("UPDATE {tasks} SET record = ?, status = ?, revision = revision + 1, " + JdbcTaskCodec.NO_START + ","
					+ " queue = 'ready', due_at = NULL, seq = nextval('{seq}') WHERE uuid = ? AND revision = ?"
					+ " AND queue = 'waiting'");
		String requeue = tables.sql(notifying("requeued",
				"UPDATE {tasks} SET record = ?, status = ?, " + JdbcTaskCodec.NO_START + ","
						+ " revision = revision + 1, holder = NULL, cancel_request = NULL, expires_at = NULL,"
						+ " queue = 'ready', due_at = NULL, claim_token = NULL, lease_until = NULL,"
						+ " seq = nextval('{seq}') WHERE uuid = ? AND revision = ?",
				"''"));
		return new JdbcStepStatements(complete, release, cancelQueued, releaseWaiting, requeue);
	}

	/**
	 * An update of a task's row that returns how many rows it changed (in a column named
	 * as the result) and sends a notification for each, on a channel given as the last
	 * parameter, with the payload given as SQL.
	 */
	private static String notifying(String result, String update, String payload) {
		return "WITH " + result + " AS (" + update + " RETURNING uuid) SELECT (SELECT count(*) FROM " + result + ") AS "
				+ result + ", (SELECT count(pg_notify(?, " + payload + ")) FROM " + result + ") AS notified";
	}

}

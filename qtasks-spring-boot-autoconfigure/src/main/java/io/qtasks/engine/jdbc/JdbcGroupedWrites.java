package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.qtasks.Task;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.WriteResult;

/**
 * Group commit of the fenced writes of claimed tasks: records that worker threads write
 * at the same time go into one statement, one commit and one WAL flush. The threads that
 * write while another one's statement runs queue up, and the next of them writes all that
 * queued meanwhile (at most {@value #MAX_BATCH}, one record per task), each row under its
 * own fence, so that a stale fence refuses its own row only. Without contention a record
 * is written at once, alone. Each caller returns only once its row has committed (or with
 * the statement's exception, when the statement failed and so wrote none of them). One
 * instance groups the outcomes (final records, durable, which end the claim), another the
 * intermediate records ({@code process}, progress; committed without waiting for the WAL
 * flush, as their single writes are).
 *
 * @author QTasks contributors
 */
final class JdbcGroupedWrites {

	static final int MAX_BATCH = 500;

	/**
	 * The rows of a group as a table: uuid, record, status, token, revision, TTL (the
	 * parameters are {@link #rows}).
	 */
	static final String ROWS = "unnest(CAST(? AS UUID[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),"
			+ " CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS o(uuid, record, status, token,"
			+ " revision, ttl)";

	private static final String FENCE = " WHERE t.uuid = o.uuid AND (t.holder = o.token OR t.revision = o.revision)"
			+ " AND " + JdbcTaskRecordStore.LIVE.replace("expires_at", "t.expires_at") + " RETURNING t.uuid";

	private static final RowMapper<UUID> UUIDS = (row, n) -> row.getObject("uuid", UUID.class);

	private final Query query;

	private final JdbcTaskCodec codec;

	private final JdbcFencedWrites fenced;

	private final String statement;

	private final JdbcGroupedCalls<Pending> groups = new JdbcGroupedCalls<>(JdbcGroupedWrites::take, this::write);

	private JdbcGroupedWrites(Query query, JdbcFencedWrites fenced, String statement) {
		this.query = query;
		this.codec = fenced.codec();
		this.fenced = fenced;
		this.statement = statement;
	}

	/**
	 * The write of the outcomes in a table {@code outcome} of {@link #ROWS}: each row
	 * leaves the queue, its claim ends, and it expires after its TTL; returns the uuids
	 * written.
	 */
	static final String OUTCOMES = "UPDATE {tasks} t SET record = o.record, status = o.status, "
			+ JdbcTaskCodec.NO_START + "," + " revision = t.revision + 1, holder = NULL, cancel_request = NULL,"
			+ " expires_at = now() + o.ttl * interval '1 millisecond', queue = NULL, claim_token = NULL,"
			+ " lease_until = NULL, due_at = NULL FROM outcome o" + FENCE;

	/**
	 * Groups the outcomes ({@link #OUTCOMES}).
	 */
	static JdbcGroupedWrites outcomes(JdbcIndexPlans plans, JdbcTables tables, JdbcFencedWrites fenced) {
		return new JdbcGroupedWrites((sql, params) -> plans.query(sql, params, UUIDS), fenced,
				tables.sql("WITH outcome AS (SELECT * FROM " + ROWS + ") " + OUTCOMES));
	}

	/**
	 * Groups the intermediate records: each row keeps its place in the queue and its
	 * claim, and a {@code process} record makes the claimant the holder.
	 */
	static JdbcGroupedWrites progress(JdbcClient jdbc, JdbcTables tables, JdbcFencedWrites fenced) {
		return new JdbcGroupedWrites((sql, params) -> jdbc.sql(sql).params(params).query(UUIDS).list(), fenced,
				tables.sql("WITH " + JdbcTaskQueue.NO_FLUSH + ", progress AS (SELECT * FROM " + ROWS
						+ ") UPDATE {tasks} t SET record = o.record, " + JdbcTaskCodec.NO_START
						+ ", status = o.status, revision = t.revision + 1, holder = CASE WHEN o.status = 'process'"
						+ " THEN COALESCE(o.token, t.holder) END, expires_at = NULL FROM progress o, no_flush"
						+ FENCE));
	}

	/**
	 * Whether a write can join a group: under a fence that does not look at cancel
	 * requests, outside the caller's transaction (which must see its own write, and roll
	 * it back with the rest).
	 */
	static boolean groupable(Task record, Fence fence) {
		return !fence.refuseOnCancelRequest() && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Writes a record in the next group and waits for its commit.
	 * @param record the record
	 * @param fence the claimant's fence
	 * @return what the write did
	 */
	WriteResult write(Task record, Fence fence) {
		return this.groups.call(new Pending(new Row(record, fence, this.codec.write(record))));
	}

	/**
	 * The next group: the longest waiting first, one record per task.
	 */
	private static List<Pending> take(List<Pending> waiting) {
		List<Pending> batch = new ArrayList<>();
		Set<UUID> tasks = new HashSet<>();
		for (Pending next : waiting) {
			if (batch.size() < MAX_BATCH && tasks.add(next.row.record().uuid())) {
				batch.add(next);
			}
		}
		return batch;
	}

	/**
	 * The parameters of {@link #ROWS}.
	 */
	static Object[] rows(List<Row> rows, JdbcFencedWrites fenced) {
		int size = rows.size();
		UUID[] uuids = new UUID[size];
		String[] json = new String[size];
		String[] statuses = new String[size];
		String[] tokens = new String[size];
		Long[] revisions = new Long[size];
		Long[] ttls = new Long[size];
		for (int i = 0; i < size; i++) {
			Row row = rows.get(i);
			uuids[i] = row.record().uuid();
			json[i] = row.json();
			statuses[i] = row.record().status().value();
			tokens[i] = row.fence().token();
			revisions[i] = row.fence().revision();
			ttls[i] = fenced.ttlMillis(row.record());
		}
		return new Object[] { uuids, json, statuses, tokens, revisions, ttls };
	}

	private void write(List<Pending> batch) {
		Set<UUID> written;
		try {
			written = new HashSet<>(this.query.written(this.statement,
					rows(batch.stream().map((pending) -> pending.row).toList(), this.fenced)));
		}
		catch (RuntimeException ex) {
			batch.forEach((pending) -> pending.fail(ex));
			return;
		}
		for (Pending pending : batch) {
			pending.succeed(this.fenced.result(written.contains(pending.row.record().uuid()), pending.row.record(),
					pending.row.fence()));
		}
	}

	/**
	 * One row of a group: the record, under its fence, and its JSON.
	 *
	 * @param record the record
	 * @param fence the claimant's fence
	 * @param json the record as written
	 */
	record Row(Task record, Fence fence, String json) {

	}

	/**
	 * How a group's statement runs (as it is, or with index plans): the uuids written.
	 */
	@FunctionalInterface
	private interface Query {

		List<UUID> written(String sql, Object[] params);

	}

	private static final class Pending extends JdbcGroupedCalls.Call<WriteResult> {

		private final Row row;

		Pending(Row row) {
			this.row = row;
		}

	}

}

package io.qtasks.engine.jdbc;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.Task;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.WriteResult;

/**
 * The fenced write of one task's record, as every step that changes a claimed record
 * writes it: the statement (with the step's change of the queue columns), its parameters,
 * and what a write that wrote nothing means (the fence refused it, or a pending cancel
 * request did). A final record that was written is announced on the finished channel.
 *
 * @author QTasks contributors
 */
final class JdbcFencedWrites {

	/**
	 * Lets the write of a record that is not final (an attempt started, progress, a
	 * hand-back: what the worker writes as it goes) commit without waiting for the WAL
	 * flush; a database crash that forgets it leaves the task to be handed out again.
	 * Final records, written by the outcome, stay durable. {@code CASE} keeps the call
	 * from being made for them.
	 */
	static final String NO_FLUSH_UNLESS_DURABLE = "(CASE WHEN finished THEN true"
			+ " ELSE set_config('synchronous_commit', 'off', true) IS NOT NULL END)";

	/**
	 * The queue change of a plain write: a final record leaves the queue.
	 */
	static final String OUT_OF_QUEUE_WHEN_FINISHED = "queue = CASE WHEN finished THEN NULL ELSE queue END,"
			+ " claim_token = CASE WHEN finished THEN NULL ELSE claim_token END,"
			+ " lease_until = CASE WHEN finished THEN NULL ELSE lease_until END,"
			+ " due_at = CASE WHEN finished THEN NULL ELSE due_at END";

	private final JdbcClient jdbc;

	private final JdbcTaskCodec codec;

	private final JdbcEngineSettings settings;

	private final JdbcNotifier notifier;

	private final String existing;

	JdbcFencedWrites(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, JdbcEngineSettings settings,
			JdbcNotifier notifier) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.settings = settings;
		this.notifier = notifier;
		this.existing = tables
			.sql("SELECT holder, revision, cancel_request FROM {tasks} WHERE uuid = ? AND " + JdbcTaskRecordStore.LIVE);
	}

	/**
	 * The fenced write of a record; {@code queueChange} assigns the queue columns
	 * ({@code queue}, {@code claim_token}, {@code lease_until}, {@code due_at}).
	 * Parameters: record, status, those of the queue change, status, finished, the TTL in
	 * ms, token (for the holder), uuid, token, revision, refuse-on-cancel-request.
	 */
	static String statement(JdbcTables tables, String queueChange) {
		return tables.sql("WITH written AS (UPDATE {tasks} SET record = ?, status = ?, revision = revision + 1, "
				+ JdbcTaskCodec.NO_START + ","
				+ " holder = CASE WHEN status_after = 'process' THEN COALESCE(token, holder) END,"
				+ " cancel_request = CASE WHEN finished THEN NULL ELSE cancel_request END,"
				+ " expires_at = CASE WHEN finished THEN now() + ttl * interval '1 millisecond' END, " + queueChange
				+ " FROM (SELECT CAST(? AS VARCHAR) AS status_after, CAST(? AS BOOLEAN) AS finished,"
				+ " CAST(? AS BIGINT) AS ttl, CAST(? AS VARCHAR) AS token) args"
				+ " WHERE uuid = ? AND (holder = ? OR revision = ?) AND (NOT ? OR cancel_request IS NULL) AND "
				+ NO_FLUSH_UNLESS_DURABLE + " AND " + JdbcTaskRecordStore.LIVE + " RETURNING queue)"
				+ " SELECT (SELECT count(*) FROM written) AS written,"
				+ " (SELECT count(*) FROM written WHERE queue IS NOT NULL) AS queued");
	}

	/**
	 * The parameters of a {@link #statement}, with those of its queue change.
	 */
	Object[] params(Task record, Fence fence, Object... queueChange) {
		Object[] head = { this.codec.write(record), record.status().value() };
		Object[] args = { record.status().value(), record.isFinished(), ttlMillis(record), fence.token() };
		Object[] tail = { record.uuid(), fence.token(), fence.revision(), fence.refuseOnCancelRequest() };
		Object[] all = new Object[head.length + queueChange.length + args.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(queueChange, 0, all, head.length, queueChange.length);
		System.arraycopy(args, 0, all, head.length + queueChange.length, args.length);
		System.arraycopy(tail, 0, all, head.length + queueChange.length + args.length, tail.length);
		return all;
	}

	/**
	 * Runs a fenced write.
	 * @param statement a {@link #statement}
	 * @param record the record
	 * @param fence the fence
	 * @param queueChange the parameters of the statement's queue change
	 * @return what it did
	 */
	WriteResult write(String statement, Task record, Fence fence, Object... queueChange) {
		long written = this.jdbc.sql(statement)
			.params(params(record, fence, queueChange))
			.query((row, n) -> row.getLong("written"))
			.single();
		return result(written == 1, record, fence);
	}

	/**
	 * What a fenced write did: when nothing was written, whether the fence refused it or
	 * a pending cancel request did. A final record that was written is announced.
	 */
	WriteResult result(boolean written, Task record, Fence fence) {
		UUID uuid = record.uuid();
		if (written) {
			if (record.isFinished()) {
				this.notifier.finished(uuid);
			}
			return WriteResult.WRITTEN;
		}
		if (!fence.refuseOnCancelRequest()) {
			return WriteResult.FENCED;
		}
		return this.jdbc.sql(this.existing).param(uuid).query((row, n) -> {
			boolean passes = (fence.token() != null && fence.token().equals(row.getString("holder")))
					|| fence.revision() == row.getLong("revision");
			String request = row.getString("cancel_request");
			return (passes && request != null) ? WriteResult.cancelRequested(request) : WriteResult.FENCED;
		}).optional().orElse(WriteResult.FENCED);
	}

	long ttlMillis(Task record) {
		return this.settings.ttl(record.status()).toMillis();
	}

	JdbcTaskCodec codec() {
		return this.codec;
	}

}

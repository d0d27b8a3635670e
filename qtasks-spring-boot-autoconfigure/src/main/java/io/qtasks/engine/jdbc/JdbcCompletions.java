package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.qtasks.Task;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.WriteResult;

/**
 * Stores the outcomes of claimed tasks that finish at the same time in one statement, one
 * commit and one WAL flush: the worker threads that complete while another one's outcome
 * is being written queue up, and the next of them writes all that queued meanwhile (at
 * most {@value #MAX_BATCH}), each row under its own fence. Without contention an outcome
 * is written at once, alone. The durability of each outcome is unchanged: a caller
 * returns only once its row has committed.
 *
 * @author QTasks contributors
 */
final class JdbcCompletions {

	static final int MAX_BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTaskCodec codec;

	private final JdbcTaskRecordStore records;

	private final String completeAll;

	private final Object monitor = new Object();

	private final List<Pending> queue = new ArrayList<>();

	private boolean writing;

	JdbcCompletions(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, JdbcTaskRecordStore records) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.records = records;
		this.completeAll = tables.sql("WITH outcome AS (SELECT * FROM unnest(CAST(? AS UUID[]), CAST(? AS TEXT[]),"
				+ " CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS o(uuid, record, status,"
				+ " token, revision, ttl)) UPDATE {tasks} t SET record = o.record, status = o.status, revision = t.revision + 1,"
				+ " holder = NULL, cancel_request = NULL, expires_at = now() + o.ttl * interval '1 millisecond',"
				+ " queue = NULL, claim_token = NULL, lease_until = NULL, due_at = NULL FROM outcome o"
				+ " WHERE t.uuid = o.uuid AND (t.holder = o.token OR t.revision = o.revision) AND "
				+ JdbcTaskRecordStore.LIVE.replace("expires_at", "t.expires_at") + " RETURNING t.uuid");
	}

	/**
	 * Whether an outcome can join a batch: a final record under a fence that does not
	 * look at cancel requests, outside the caller's transaction.
	 */
	static boolean batchable(Task record, Fence fence) {
		return record.isFinished() && !fence.refuseOnCancelRequest()
				&& !TransactionSynchronizationManager.isActualTransactionActive();
	}

	WriteResult complete(Task record, Fence fence) {
		Pending mine = new Pending(record, fence, this.codec.write(record));
		synchronized (this.monitor) {
			this.queue.add(mine);
		}
		while (true) {
			List<Pending> batch;
			synchronized (this.monitor) {
				awaitTurn(mine);
				if (mine.done) {
					return mine.outcome();
				}
				this.writing = true;
				batch = take();
			}
			try {
				write(batch);
			}
			finally {
				synchronized (this.monitor) {
					this.writing = false;
					this.monitor.notifyAll();
				}
			}
			if (mine.done) {
				return mine.outcome();
			}
		}
	}

	private void awaitTurn(Pending mine) {
		boolean interrupted = false;
		while (this.writing && !mine.done) {
			try {
				this.monitor.wait();
			}
			catch (InterruptedException ex) {
				// the outcome is being written: wait for it, and keep the interrupt
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The next batch: the longest waiting first, one outcome per task.
	 */
	private List<Pending> take() {
		List<Pending> batch = new ArrayList<>();
		Set<UUID> tasks = new HashSet<>();
		for (Iterator<Pending> pending = this.queue.iterator(); pending.hasNext() && batch.size() < MAX_BATCH;) {
			Pending next = pending.next();
			if (tasks.add(next.record.uuid())) {
				batch.add(next);
				pending.remove();
			}
		}
		return batch;
	}

	private void write(List<Pending> batch) {
		int size = batch.size();
		UUID[] uuids = new UUID[size];
		String[] json = new String[size];
		String[] statuses = new String[size];
		String[] tokens = new String[size];
		Long[] revisions = new Long[size];
		Long[] ttls = new Long[size];
		for (int i = 0; i < size; i++) {
			Pending pending = batch.get(i);
			uuids[i] = pending.record.uuid();
			json[i] = pending.json;
			statuses[i] = pending.record.status().value();
			tokens[i] = pending.fence.token();
			revisions[i] = pending.fence.revision();
			ttls[i] = this.records.ttlMillis(pending.record);
		}
		Set<UUID> written;
		try {
			written = new HashSet<>(this.jdbc.sql(this.completeAll)
				.params(uuids, json, statuses, tokens, revisions, ttls)
				.query((row, n) -> row.getObject("uuid", UUID.class))
				.list());
		}
		catch (RuntimeException ex) {
			synchronized (this.monitor) {
				batch.forEach((pending) -> pending.fail(ex));
			}
			return;
		}
		List<WriteResult> results = new ArrayList<>(size);
		for (Pending pending : batch) {
			results.add(this.records.result(written.contains(pending.record.uuid()), pending.record, pending.fence));
		}
		synchronized (this.monitor) {
			for (int i = 0; i < size; i++) {
				batch.get(i).succeed(results.get(i));
			}
		}
	}

	private static final class Pending {

		private final Task record;

		private final Fence fence;

		private final String json;

		private boolean done;

		private @Nullable WriteResult result;

		private @Nullable RuntimeException failure;

		Pending(Task record, Fence fence, String json) {
			this.record = record;
			this.fence = fence;
			this.json = json;
		}

		void succeed(WriteResult result) {
			this.result = result;
			this.done = true;
		}

		void fail(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

		WriteResult outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.result;
		}

	}

}

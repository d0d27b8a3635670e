package io.qtasks.engine.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.Task;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.QueueEntry;

/**
 * New tasks into the task table, record and queue place in one row: one task in one
 * {@code INSERT} whose row count tells whether it was stored (outside a transaction one
 * autocommit statement, one round trip), a batch in one multi-row {@code INSERT} (arrays
 * through {@code unnest}), in order. Each is one statement, so it joins the caller's
 * transaction; the wake-up is handed to the {@link JdbcNotifier}, which sends it from its
 * own thread after the commit.
 *
 * @author QTasks contributors
 */
final class JdbcEnqueues {

	private final JdbcClient jdbc;

	private final JdbcTaskCodec codec;

	private final JdbcNotifier notifier;

	private final String enqueue;

	private final String enqueueAll;

	JdbcEnqueues(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, JdbcNotifier notifier) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.notifier = notifier;
		this.enqueue = tables.sql("INSERT INTO {tasks} (uuid, task_name, status, priority, seq, queue, due_at,"
				+ " revision, created_at, record, queue_name, limit_key) SELECT ?, ?, ?, ?, nextval('{seq}'),"
				+ " CASE WHEN delay > 0 THEN 'waiting' ELSE 'ready' END, CASE WHEN delay > 0"
				+ " THEN now() + delay * interval '1 millisecond' END, 1, ?, ?, ?, ?"
				+ " FROM (SELECT CAST(? AS BIGINT) AS delay) args ON CONFLICT (uuid) DO NOTHING");
		this.enqueueAll = tables.sql("WITH inserted AS (INSERT INTO {tasks} (uuid, task_name, status, priority, seq,"
				+ " queue, due_at, revision, created_at, record, queue_name, limit_key) SELECT uuid, task_name,"
				+ " status, priority, nextval('{seq}'), CASE WHEN delay > 0 THEN 'waiting' ELSE 'ready' END,"
				+ " CASE WHEN delay > 0 THEN now() + delay * interval '1 millisecond' END, 1, created_at, record,"
				+ " queue_name, limit_key FROM unnest(CAST(? AS UUID[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),"
				+ " CAST(? AS INTEGER[]), CAST(? AS TIMESTAMPTZ[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]),"
				+ " CAST(? AS TEXT[]), CAST(? AS TEXT[])) WITH ORDINALITY AS batch(uuid, task_name, status,"
				+ " priority, created_at, record, delay, queue_name, limit_key, n) ORDER BY n"
				+ " ON CONFLICT (uuid) DO NOTHING RETURNING uuid) SELECT uuid FROM inserted");
	}

	/**
	 * Stores and queues one task, unless its uuid is stored already.
	 * @param record its record
	 * @param dueAt when it is due, or {@code null} for now
	 * @return whether it was stored
	 */
	boolean enqueue(Task record, @Nullable Instant dueAt) {
		boolean inserted = this.jdbc.sql(this.enqueue)
			.params(record.uuid(), record.taskName(), record.status().value(), record.priority(),
					JdbcTaskRecordStore.createdAt(record), this.codec.write(record), QueueEntry.queueOf(record),
					JdbcTaskRecordStore.limitKey(QueueEntry.limitKeyOf(record)), JdbcTaskQueue.delayMillis(dueAt))
			.update() == 1;
		if (inserted) {
			this.notifier.wake();
		}
		return inserted;
	}

	/**
	 * Stores and queues new tasks, in their order.
	 * @param tasks the tasks
	 * @return per task whether it was stored
	 */
	List<Boolean> enqueueAll(List<NewTask> tasks) {
		if (tasks.isEmpty()) {
			return List.of();
		}
		int size = tasks.size();
		UUID[] uuids = new UUID[size];
		String[] names = new String[size];
		String[] statuses = new String[size];
		Integer[] priorities = new Integer[size];
		Timestamp[] createdAt = new Timestamp[size];
		String[] json = new String[size];
		Long[] delays = new Long[size];
		String[] queues = new String[size];
		String[] limitKeys = new String[size];
		for (int i = 0; i < size; i++) {
			Task record = tasks.get(i).record();
			uuids[i] = record.uuid();
			names[i] = record.taskName();
			statuses[i] = record.status().value();
			priorities[i] = record.priority();
			createdAt[i] = JdbcTaskRecordStore.createdAt(record);
			json[i] = this.codec.write(record);
			delays[i] = JdbcTaskQueue.delayMillis(tasks.get(i).dueAt());
			queues[i] = QueueEntry.queueOf(record);
			limitKeys[i] = JdbcTaskRecordStore.limitKey(QueueEntry.limitKeyOf(record));
		}
		Set<UUID> inserted = new HashSet<>(this.jdbc.sql(this.enqueueAll)
			.params(uuids, names, statuses, priorities, createdAt, json, delays, queues, limitKeys)
			.query((row, n) -> row.getObject("uuid", UUID.class))
			.list());
		if (!inserted.isEmpty()) {
			this.notifier.wake();
		}
		// a uuid twice in one batch is stored once, by its first entry
		List<Boolean> stored = new ArrayList<>(size);
		Set<UUID> seen = new HashSet<>();
		for (UUID uuid : uuids) {
			stored.add(seen.add(uuid) && inserted.contains(uuid));
		}
		return stored;
	}

}

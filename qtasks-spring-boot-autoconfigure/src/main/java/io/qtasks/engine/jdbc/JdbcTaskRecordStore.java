package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * Task records in the task table, one row per task, shared by every node on the database.
 * Writes are single statements, so that they commit on their own outside a transaction
 * and join the caller's transaction inside one. Writing a final record takes the task out
 * of the queue, sets when the row expires and notifies its uuid on the finished channel,
 * which wakes the waiters on every node.
 *
 * @author QTasks contributors
 */
public class JdbcTaskRecordStore implements TaskRecordStore {

	private static final Logger logger = LoggerFactory.getLogger(JdbcTaskRecordStore.class);

	/**
	 * How many of the newest records a listing looks at, at most.
	 */
	static final int MAX_LISTED_ROWS = 10_000;

	static final String LIVE = "(expires_at IS NULL OR expires_at > now())";

	private final JdbcClient jdbc;

	private final JdbcTables tables;

	private final JdbcTaskCodec codec;

	private final String insert;

	private final String find;

	private final String write;

	private final JdbcFencedWrites fenced;

	private final JdbcGroupedWrites progress;

	private final String revision;

	private final String requestCancel;

	private final String list;

	private final String counts;

	private final JdbcUniqueKeys uniqueKeys;

	/**
	 * Creates a store.
	 * @param jdbc the database access
	 * @param tables the table names
	 * @param codec reads and writes records
	 * @param settings how long finished records are kept
	 * @param notifier tells the nodes of finished tasks
	 * @param transactions runs the inserts with a unique key in a transaction on the same
	 * {@code DataSource} (joining the caller's, if any)
	 */
	public JdbcTaskRecordStore(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, JdbcEngineSettings settings,
			JdbcNotifier notifier, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.tables = tables;
		this.codec = codec;
		this.fenced = new JdbcFencedWrites(jdbc, tables, codec, settings, notifier);
		this.progress = JdbcGroupedWrites.progress(jdbc, tables, this.fenced);
		this.uniqueKeys = new JdbcUniqueKeys(jdbc, tables, transactions, this::find, Clock.systemUTC());
		this.insert = tables.sql("INSERT INTO {tasks} (uuid, task_name, status, priority, seq, revision, created_at,"
				+ " record, queue_name, limit_key) VALUES (?, ?, ?, ?, nextval('{seq}'), 1, ?, ?, ?, ?)"
				+ " ON CONFLICT (uuid) DO NOTHING");
		this.find = tables.sql("SELECT " + JdbcTaskCodec.STORED_COLUMNS + " FROM {tasks} WHERE uuid = ? AND " + LIVE);
		this.write = JdbcFencedWrites.statement(tables, JdbcFencedWrites.OUT_OF_QUEUE_WHEN_FINISHED);
		this.revision = tables.sql("SELECT revision FROM {tasks} WHERE uuid = ? AND " + LIVE);
		this.requestCancel = tables.sql("WITH requested AS (UPDATE {tasks} SET cancel_request = ? WHERE uuid = ?"
				+ " AND status NOT IN ('success', 'error', 'cancel') AND " + LIVE + " RETURNING holder)"
				+ " SELECT (SELECT count(*) FROM requested) AS requested, (SELECT count(pg_notify(?,"
				+ " json_build_object('uuid', ?, 'token', holder, 'reason', ?::text)::text)) FROM requested) AS notified,"
				+ " (SELECT count(*) FROM {tasks} WHERE uuid = ? AND " + LIVE + ") AS found");
		this.list = tables.sql("SELECT " + JdbcTaskCodec.STORED_COLUMNS + " FROM (SELECT * FROM {tasks} WHERE " + LIVE
				+ " ORDER BY created_at DESC LIMIT " + MAX_LISTED_ROWS + ") newest"
				+ " WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS TEXT) IS NULL OR task_name = ?)"
				+ " ORDER BY created_at DESC LIMIT ?");
		this.counts = tables.sql("SELECT status, count(*) AS n FROM {tasks} WHERE " + LIVE + " GROUP BY status");
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public boolean insert(Task record) {
		return this.jdbc.sql(this.insert)
			.params(record.uuid(), record.taskName(), record.status().value(), record.priority(), createdAt(record),
					this.codec.write(record), QueueEntry.queueOf(record), limitKey(QueueEntry.limitKeyOf(record)))
			.update() == 1;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here in one transaction that locks the key's row in the {@code unique} table.
	 */
	@Override
	public UniqueOutcome insertUnique(Task record, UniqueKey key) {
		return addUnique(record, key, () -> insert(record));
	}

	/**
	 * Stores a task that takes a unique key, unless another task holds the key (see
	 * {@link JdbcUniqueKeys}).
	 * @param record the task's record
	 * @param key the key
	 * @param store stores the task, in the key's transaction
	 * @return what happened
	 */
	UniqueOutcome addUnique(Task record, UniqueKey key, BooleanSupplier store) {
		return this.uniqueKeys.add(record, key, store);
	}

	/**
	 * A limit key as the task table stores it: {@code ''} for none.
	 */
	static String limitKey(@Nullable String key) {
		return (key != null) ? key : "";
	}

	@Override
	public Optional<StoredTask> find(UUID uuid) {
		return this.jdbc.sql(this.find).param(uuid).query((row, n) -> this.codec.stored(row)).optional();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Intermediate records that worker threads write at the same time outside a
	 * transaction go into one statement ({@link JdbcGroupedWrites}).
	 */
	@Override
	public WriteResult write(Task record, Fence fence) {
		if (JdbcGroupedWrites.groupable(record, fence) && !record.isFinished()) {
			return this.progress.write(record, fence);
		}
		return this.fenced.write(this.write, record, fence);
	}

	/**
	 * The fenced writes, for the steps.
	 * @return them
	 */
	JdbcFencedWrites fencedWrites() {
		return this.fenced;
	}

	/**
	 * The revision of a record.
	 * @param uuid the task's uuid
	 * @return the revision, or -1 when there is no such record
	 */
	long revision(UUID uuid) {
		return this.jdbc.sql(this.revision).param(uuid).query(Long.class).optional().orElse(-1L);
	}

	@Override
	public CancelOutcome requestCancel(UUID uuid, String reason) {
		return this.jdbc.sql(this.requestCancel)
			.params(reason, uuid, this.tables.cancelChannel(), uuid.toString(), reason, uuid)
			.query((row, n) -> {
				if (row.getLong("requested") == 1) {
					return CancelOutcome.CANCEL_REQUESTED;
				}
				return (row.getLong("found") == 1) ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.NOT_FOUND;
			})
			.single();
	}

	/**
	 * Lists the newest records that pass the query's filters, looking at no more than
	 * {@value #MAX_LISTED_ROWS} of the newest rows whatever the filters, so that a filter
	 * that matches little never walks a large table.
	 */
	@Override
	public List<Task> list(TaskQuery query) {
		String status = (query.status() != null) ? query.status().value() : null;
		return this.jdbc.sql(this.list)
			.params(status, status, query.taskName(), query.taskName(), query.limit())
			.query((row, n) -> readListed(row))
			.list()
			.stream()
			.filter((task) -> task != null && query.matches(task))
			.toList();
	}

	@Override
	public Map<TaskStatus, Long> countByStatus() {
		Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
		for (TaskStatus status : TaskStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql(this.counts).query((row) -> {
			try {
				counts.put(TaskStatus.fromValue(row.getString("status")), row.getLong("n"));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Ignoring the unknown status '{}' in {}", LogSafe.text(row.getString("status")),
						this.tables.tasks());
			}
		});
		return counts;
	}

	static Timestamp createdAt(Task record) {
		return Timestamp.from((record.createdAt() != null) ? record.createdAt() : Instant.now());
	}

	private @Nullable Task readListed(ResultSet row) throws SQLException {
		try {
			return this.codec.stored(row).record();
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an unreadable record while listing tasks: {}", LogSafe.text(ex.getMessage()));
			return null;
		}
	}

}

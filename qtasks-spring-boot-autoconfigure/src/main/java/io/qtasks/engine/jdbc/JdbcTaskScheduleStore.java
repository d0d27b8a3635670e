package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import io.qtasks.Task;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.engine.spi.TaskScheduleStore;

/**
 * The schedules of the JDBC engine, one row each in the {@code schedule} table, beside
 * the tasks: every node fires from the same rows, and they outlive every node. A firing
 * locks the schedule's row ({@code SELECT … FOR UPDATE}), checks that it is not paused
 * and last fired before the due time, queues the firing's task through the engine's steps
 * (which join the transaction) and records the firing, in one transaction: a due time
 * fires once however many nodes try, and the task exists exactly when the firing is
 * recorded.
 *
 * @author QTasks contributors
 */
public class JdbcTaskScheduleStore implements TaskScheduleStore {

	private static final String COLUMNS = "name, definition, created_at, paused, resumed_at, last_due_at,"
			+ " last_task_uuid";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final String define;

	private final String declare;

	private final String find;

	private final String list;

	private final String remove;

	private final String pause;

	private final String lock;

	private final String fired;

	/**
	 * Creates a store.
	 * @param jdbc the database access
	 * @param tables the table names
	 * @param transactions runs each firing in a transaction on the same
	 * {@code DataSource} as the engine's steps
	 */
	public JdbcTaskScheduleStore(JdbcClient jdbc, JdbcTables tables, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.define = tables.sql("INSERT INTO {schedules} AS s (name, definition, created_at) VALUES (?, ?, ?)"
				+ " ON CONFLICT (name) DO UPDATE SET definition = excluded.definition WHERE s.definition IS NOT NULL");
		this.declare = tables
			.sql("INSERT INTO {schedules} (name, created_at) VALUES (?, ?) ON CONFLICT (name)" + " DO NOTHING");
		this.find = tables.sql("SELECT " + COLUMNS + " FROM {schedules} WHERE name = ?");
		this.list = tables.sql("SELECT " + COLUMNS + " FROM {schedules}");
		this.remove = tables.sql("DELETE FROM {schedules} WHERE name = ?");
		this.pause = tables.sql("UPDATE {schedules} SET resumed_at = CASE WHEN paused AND NOT CAST(? AS BOOLEAN)"
				+ " THEN ? ELSE resumed_at END, paused = ? WHERE name = ?");
		this.lock = tables.sql("SELECT paused, last_due_at FROM {schedules} WHERE name = ? FOR UPDATE");
		this.fired = tables.sql("UPDATE {schedules} SET last_due_at = ?, last_task_uuid = ? WHERE name = ?");
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public boolean define(String name, String definition, Instant now) {
		return this.jdbc.sql(this.define).params(name, definition, Timestamp.from(now)).update() == 1;
	}

	@Override
	public StoredSchedule declare(String name, Instant now) {
		this.jdbc.sql(this.declare).params(name, Timestamp.from(now)).update();
		return find(name).orElseThrow(() -> new IllegalStateException("The schedule '" + name + "' was removed"));
	}

	@Override
	public Optional<StoredSchedule> find(String name) {
		return this.jdbc.sql(this.find).param(name).query((row, n) -> schedule(row)).optional();
	}

	@Override
	public List<StoredSchedule> list() {
		return this.jdbc.sql(this.list).query((row, n) -> schedule(row)).list();
	}

	@Override
	public boolean remove(String name) {
		return this.jdbc.sql(this.remove).param(name).update() == 1;
	}

	@Override
	public boolean setPaused(String name, boolean paused, Instant now) {
		return this.jdbc.sql(this.pause).params(paused, Timestamp.from(now), paused, name).update() == 1;
	}

	@Override
	public ScheduleFiring fire(String name, Instant dueAt, Task record, BooleanSupplier enqueue) {
		return this.transactions.execute((status) -> {
			Optional<Optional<ScheduleFiring>> refused = this.jdbc.sql(this.lock)
				.param(name)
				.query((row, n) -> Optional.ofNullable(stateBefore(row, dueAt)))
				.optional();
			if (refused.isEmpty()) {
				return ScheduleFiring.NOT_FOUND;
			}
			if (refused.get().isPresent()) {
				return refused.get().get();
			}
			boolean stored = enqueue.getAsBoolean();
			this.jdbc.sql(this.fired).params(Timestamp.from(dueAt), record.uuid(), name).update();
			return stored ? ScheduleFiring.FIRED : ScheduleFiring.ALREADY_FIRED;
		});
	}

	/**
	 * Why a locked schedule does not fire for a due time, or {@code null} when it fires.
	 */
	private static @Nullable ScheduleFiring stateBefore(ResultSet row, Instant dueAt) throws SQLException {
		if (row.getBoolean("paused")) {
			return ScheduleFiring.PAUSED;
		}
		Instant lastDueAt = instant(row, "last_due_at");
		return (lastDueAt != null && !lastDueAt.isBefore(dueAt)) ? ScheduleFiring.ALREADY_FIRED : null;
	}

	private static StoredSchedule schedule(ResultSet row) throws SQLException {
		return new StoredSchedule(row.getString("name"), row.getString("definition"),
				row.getTimestamp("created_at").toInstant(), row.getBoolean("paused"), instant(row, "resumed_at"),
				instant(row, "last_due_at"), row.getObject("last_task_uuid", UUID.class));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}

package io.qtasks.engine.jdbc;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import io.qtasks.Task;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;

/**
 * The unique keys of the JDBC engine, in the {@code unique} table: one row per key with
 * the uuid of the task that took it last. An add with a key runs in one transaction that
 * locks the key's row (inserting it, or {@code SELECT … FOR UPDATE}), so that the adds of
 * one key are decided one after the other across nodes; the holder's record is read after
 * the lock, and holds the key while it has not finished or finished less than its
 * {@code uniqueFor} ago. Finishing a task writes nothing here: the key is free as soon as
 * its holder's record says so, and a holder whose record expired holds nothing.
 *
 * @author QTasks contributors
 */
class JdbcUniqueKeys {

	/**
	 * How often an add tries again when the key's row vanished between its insert and its
	 * lock (removed by the vacuum).
	 */
	private static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final Function<UUID, Optional<StoredTask>> records;

	private final Clock clock;

	private final String take;

	private final String lock;

	private final String hand;

	/**
	 * Creates the keys.
	 * @param jdbc the database access
	 * @param tables the table names
	 * @param transactions runs an add in a transaction (joining the caller's, if any)
	 * @param records reads a holder's record
	 * @param clock tells whether a finished holder's {@code uniqueFor} has passed
	 */
	JdbcUniqueKeys(JdbcClient jdbc, JdbcTables tables, TransactionOperations transactions,
			Function<UUID, Optional<StoredTask>> records, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.records = records;
		this.clock = clock;
		this.take = tables
			.sql("INSERT INTO {unique} (unique_key, uuid) VALUES (?, ?) ON CONFLICT (unique_key)" + " DO NOTHING");
		this.lock = tables.sql("SELECT uuid FROM {unique} WHERE unique_key = ? FOR UPDATE");
		this.hand = tables.sql("UPDATE {unique} SET uuid = ? WHERE unique_key = ?");
	}

	/**
	 * Stores a task that takes a key, unless another task holds the key.
	 * @param record the task's record, with the key in its extra
	 * @param key the key
	 * @param store stores (and queues) the task in the current transaction; {@code false}
	 * when a task with its uuid exists
	 * @return what happened
	 */
	UniqueOutcome add(Task record, UniqueKey key, BooleanSupplier store) {
		UniqueOutcome outcome = this.transactions.execute((status) -> attempt(record, key, store));
		for (int i = 1; outcome == null && i < ATTEMPTS; i++) {
			outcome = this.transactions.execute((status) -> attempt(record, key, store));
		}
		if (outcome == null) {
			throw new IllegalStateException("The unique key '" + key.key() + "' could not be locked");
		}
		return outcome;
	}

	/**
	 * One attempt in a transaction; {@code null} when the key's row could not be locked.
	 */
	private UniqueOutcome attempt(Task record, UniqueKey key, BooleanSupplier store) {
		boolean inserted = this.jdbc.sql(this.take).params(key.key(), record.uuid()).update() == 1;
		if (!inserted) {
			List<UUID> holder = this.jdbc.sql(this.lock).param(key.key()).query(UUID.class).list();
			if (holder.isEmpty()) {
				return null;
			}
			if (!holder.get(0).equals(record.uuid()) && holds(holder.get(0), key.key())) {
				return UniqueOutcome.keyTaken(holder.get(0));
			}
		}
		if (!store.getAsBoolean()) {
			return UniqueOutcome.DUPLICATE;
		}
		if (!inserted) {
			this.jdbc.sql(this.hand).params(record.uuid(), key.key()).update();
		}
		return UniqueOutcome.STORED;
	}

	/**
	 * Whether a task holds a key: its record carries the key and has not finished, or
	 * finished less than the key's keep time ago.
	 */
	private boolean holds(UUID holder, String key) {
		Task task = this.records.apply(holder).map(StoredTask::record).orElse(null);
		if (task == null) {
			return false;
		}
		UniqueKey held = TaskExtras.uniqueKey(task);
		if (held == null || !held.key().equals(key)) {
			return false;
		}
		return !task.isFinished() || (task.updatedAt() != null && held.keptAt(task.updatedAt(), this.clock.instant()));
	}

}

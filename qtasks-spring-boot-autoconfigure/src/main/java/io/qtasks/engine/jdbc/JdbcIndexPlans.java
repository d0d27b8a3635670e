package io.qtasks.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the worker's steady-state statements (plain claims, outcomes, outcome and next
 * claim) with PostgreSQL's planner held to index paths and to one generic plan each:
 * sequential and bitmap scans off in a transaction of that statement alone.
 * <p>
 * A statement and its settings go to the database in one round trip: a {@code SELECT} of
 * {@code set_config(…, true)} before the statement, both sent on an auto-committing
 * connection with one {@code Sync}. PostgreSQL runs what comes before a {@code Sync} in
 * one implicit transaction and commits it there, so the settings hold for the statement's
 * planning and end with its commit, without a {@code BEGIN}, a {@code SET LOCAL} and a
 * {@code COMMIT} of their own (three round trips, as it was).
 * <p>
 * Their plans otherwise follow the table's statistics, and a queue table's statistics are
 * nearly always wrong: taken (or, on a table too new for any, assumed) when few tasks
 * were due, they make a sort of every ready row look cheaper than the walk of the ready
 * index in claim order, and a join on the task table's key look cheaper as a sequential
 * scan. With a backlog of thousands, {@code auto_explain} showed the outcome-and-claim
 * statement reading and sorting every ready row (5 ms a statement, most of the database's
 * CPU); with index paths the same run did 2–2.8× the tasks a second. The walk in claim
 * order stops after the rows it takes, whatever the backlog.
 * <p>
 * The same transaction makes them run on their generic plan ({@code plan_cache_mode =
 * force_generic_plan}), planned once per connection and statement. PostgreSQL would
 * otherwise weigh a plan for each execution's parameter values against the generic one
 * and, for the outcome-and-claim statement, keep choosing the former: 1.3–2.8 ms of
 * planning on every execution against 0.4–0.8 ms of execution (measured with
 * {@code EXPLAIN (ANALYZE, SUMMARY)} on a prepared statement). With index paths, the
 * values change nothing in the plan.
 * <p>
 * Inside a caller's transaction the statement runs as it is: the settings would last
 * until that transaction's end.
 * <p>
 * Built not to flush, the transactions also commit with {@code synchronous_commit = off}
 * ({@code qtasks.jdbc.flush-outcomes=false}).
 *
 * @author QTasks contributors
 */
final class JdbcIndexPlans {

	/**
	 * The settings, each local to the transaction that runs the statement they serve.
	 */
	private static final List<String> INDEX_PATHS = List.of(setting("enable_seqscan", "off"),
			setting("enable_bitmapscan", "off"), setting("plan_cache_mode", "force_generic_plan"));

	/**
	 * The setting added when the transactions need not wait for the WAL flush (the
	 * statements' own {@link JdbcTaskQueue#NO_FLUSH} CTE sets the same for one
	 * statement).
	 */
	private static final String UNFLUSHED_COMMIT = setting("synchronous_commit", "off");

	private final JdbcTemplate template;

	private final TransactionTemplate newTransactions;

	private final String settings;

	JdbcIndexPlans(DataSource dataSource) {
		this(dataSource, true);
	}

	/**
	 * Runs statements with index paths.
	 * @param dataSource the database
	 * @param flush whether the commits of the transactions of their own wait for the WAL
	 * flush as {@code synchronous_commit} says ({@code false}: they commit with it off)
	 */
	JdbcIndexPlans(DataSource dataSource, boolean flush) {
		List<String> settings = new ArrayList<>(INDEX_PATHS);
		if (!flush) {
			settings.add(UNFLUSHED_COMMIT);
		}
		this.settings = "SELECT " + String.join(", ", settings);
		this.template = new JdbcTemplate(dataSource);
		this.newTransactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.newTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Runs a query and maps each row.
	 * @param <T> the row type
	 * @param sql the statement, one only
	 * @param params its positional parameters
	 * @param mapper maps a row
	 * @return the rows
	 */
	<T> List<T> query(String sql, Object[] params, RowMapper<T> mapper) {
		List<T> rows = new ArrayList<>();
		query(sql, params, (RowCallbackHandler) (row) -> rows.add(mapper.mapRow(row, rows.size())));
		return rows;
	}

	/**
	 * Runs a query and hands each row over.
	 * @param sql the statement, one only
	 * @param params its positional parameters
	 * @param handler takes each row
	 */
	void query(String sql, Object[] params, RowCallbackHandler handler) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			this.template.query(sql, handler, params);
			return;
		}
		this.template.execute((ConnectionCallback<@Nullable Void>) (connection) -> {
			// a connection that does not auto-commit (not the engine's, see
			// AutoCommitDataSource) holds the statement in a transaction ended here
			boolean ownTransaction = !connection.getAutoCommit();
			try (PreparedStatement statement = connection.prepareStatement(this.settings + "; " + sql)) {
				new ArgumentPreparedStatementSetter(params).setValues(statement);
				statement.execute();
				// the first result is the settings' row
				if (!statement.getMoreResults()) {
					throw new IllegalStateException("Not a query: " + sql);
				}
				try (ResultSet rows = statement.getResultSet()) {
					while (rows.next()) {
						handler.processRow(rows);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (ownTransaction) {
					connection.rollback();
				}
				throw ex;
			}
			if (ownTransaction) {
				connection.commit();
			}
			return null;
		});
	}

	/**
	 * Runs statements in a new transaction of their own that starts with the settings; a
	 * transaction of the caller's is suspended meanwhile. The statements join it through
	 * the {@code DataSource} (as {@code JdbcClient} and {@code JdbcTemplate} on it do).
	 * @param <T> the result type
	 * @param statements runs the statements
	 * @return their result
	 */
	<T> @Nullable T inNewTransaction(TransactionCallback<T> statements) {
		return this.newTransactions.execute((status) -> {
			this.template.execute(this.settings);
			return statements.doInTransaction(status);
		});
	}

	private static String setting(String name, String value) {
		return "set_config('" + name + "', '" + value + "', true)";
	}

}

package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's statements run with index paths ({@link JdbcIndexPlans}): planned so even
 * where the statistics make a scan of the whole table look cheaper, and past the point
 * where the driver prepares them on the server, on one generic plan; the settings end
 * with the statement, which commits on its own (one round trip with them); a statement
 * inside the caller's transaction runs as it is; a failing one writes nothing and leaves
 * the connection as it found it. One connection serves the whole test, so that a setting
 * that outlived its statement would show.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcIndexPlansTests {

	private final String table = PostgresTestServer.uniquePrefix("plans") + "rows";

	private SingleConnectionDataSource dataSource;

	private JdbcTemplate template;

	private JdbcIndexPlans plans;

	@BeforeEach
	void createTable() {
		PostgresTestServer server = PostgresTestServer.get();
		this.dataSource = new SingleConnectionDataSource(server.url(), "postgres", "", true);
		this.template = new JdbcTemplate(this.dataSource);
		this.plans = new JdbcIndexPlans(this.dataSource);
		this.template.execute("CREATE TABLE " + this.table + " (id BIGINT PRIMARY KEY, v INTEGER NOT NULL)");
		this.template.execute("CREATE INDEX " + this.table + "_v_idx ON " + this.table + " (v)");
		this.template.execute("INSERT INTO " + this.table + " SELECT n, n FROM generate_series(1, 5000) n");
		this.template.execute("ANALYZE " + this.table);
	}

	@AfterEach
	void dropTable() {
		this.template.execute("DROP TABLE " + this.table);
		this.dataSource.destroy();
	}

	@Test
	void aStatementIsPlannedWithIndexPathsWhereAScanLooksCheaper() {
		String explain = "EXPLAIN SELECT * FROM " + this.table + " WHERE v > ?";
		assertThat(this.template.queryForList(explain, String.class, 0).get(0)).startsWith("Seq Scan");
		// more runs than the driver's threshold for preparing a statement on the server
		for (int run = 0; run < 8; run++) {
			List<String> plan = this.plans.query(explain, new Object[] { 0 }, (row, n) -> row.getString(1));
			assertThat(plan.get(0)).as("run %d", run).startsWith("Index Scan");
		}
	}

	@Test
	void aStatementRunsOnItsGenericPlanInsteadOfBeingPlannedForEachRunsValues() {
		String select = "SELECT id FROM " + this.table + " WHERE v = ?";
		// more runs than the driver's threshold for preparing a statement on the server
		for (int run = 0; run < 9; run++) {
			assertThat(this.plans.query(select, new Object[] { run + 1 }, (row, n) -> row.getLong(1)))
				.containsExactly(run + 1L);
		}
		Map<String, Object> planned = this.template.queryForMap(
				"SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE position(? IN statement) > 0",
				this.table + " WHERE v = $1");
		assertThat(((Number) planned.get("custom_plans")).longValue()).isZero();
		assertThat(((Number) planned.get("generic_plans")).longValue()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void statementsInATransactionOfTheirOwnArePlannedWithIndexPathsAndCommitTogether() {
		String explain = "EXPLAIN SELECT * FROM " + this.table + " WHERE v > ?";
		List<String> plan = this.plans.inNewTransaction((status) -> {
			this.template.update("UPDATE " + this.table + " SET v = 0 WHERE id = 1");
			return this.template.queryForList(explain, String.class, 0);
		});
		assertThat(plan).isNotNull();
		assertThat(plan.get(0)).startsWith("Index Scan");
		assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
		assertThat(this.template.queryForObject("SELECT v FROM " + this.table + " WHERE id = 1", Integer.class))
			.isZero();
	}

	@Test
	void statementsInATransactionOfTheirOwnThatFailAreRolledBackTogether() {
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.plans.inNewTransaction((status) -> {
			this.template.update("UPDATE " + this.table + " SET v = 0 WHERE id = 1");
			return this.template.queryForObject("SELECT 1 / (v - v) FROM " + this.table + " WHERE id = 2",
					Integer.class);
		})).withMessageContaining("division by zero");
		assertThat(this.template.queryForObject("SELECT v FROM " + this.table + " WHERE id = 1", Integer.class))
			.isOne();
		assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
	}

	@Test
	void theSettingsEndWithTheStatement() {
		this.plans.query("SELECT v FROM " + this.table + " WHERE id = ?", new Object[] { 1L },
				(row, n) -> row.getInt(1));
		assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
		assertThat(this.template.queryForObject("SHOW enable_bitmapscan", String.class)).isEqualTo("on");
		assertThat(this.template.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("auto");
		assertThat(this.template.execute((ConnectionCallback<Boolean>) Connection::getAutoCommit)).isTrue();
	}

	@Test
	void theTransactionsCommitAsSynchronousCommitSaysUnlessBuiltNotToFlush() {
		String configured = this.template.queryForObject("SHOW synchronous_commit", String.class);
		String flushed = this.plans
			.inNewTransaction((status) -> this.template.queryForObject("SHOW synchronous_commit", String.class));
		List<String> notFlushed = new JdbcIndexPlans(this.dataSource, false).query("SHOW synchronous_commit",
				new Object[0], (row, n) -> row.getString(1));

		assertThat(flushed).isEqualTo(configured);
		assertThat(notFlushed).containsExactly("off");
		assertThat(this.template.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo(configured);
	}

	@Test
	void insideTheCallersTransactionTheStatementRunsAsItIs() {
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		String plan = transactions.execute((status) -> {
			String first = this.plans
				.query("EXPLAIN SELECT * FROM " + this.table + " WHERE v > ?", new Object[] { 0 },
						(row, n) -> row.getString(1))
				.get(0);
			assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
			return first;
		});
		assertThat(plan).startsWith("Seq Scan");
	}

	@Test
	void aWritingStatementCommitsWithItsSettingsAndIsSeenByOtherConnectionsOnceItReturns() {
		List<Long> updated = this.plans.query(
				"UPDATE " + this.table + " SET v = 0 WHERE id = ? RETURNING current_setting('enable_seqscan') = 'off'",
				new Object[] { 3L }, (row, n) -> row.getBoolean(1) ? 1L : 0L);

		assertThat(updated).containsExactly(1L);
		assertThat(valueSeenByAnotherConnection(3)).isZero();
		assertThat(this.template.execute((ConnectionCallback<Boolean>) Connection::getAutoCommit)).isTrue();
	}

	@Test
	void aWritingStatementThatFailsWritesNothing() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.plans.query("UPDATE " + this.table + " SET v = v / (v - 4) RETURNING id",
					new Object[0], (row, n) -> row.getLong(1)))
			.withMessageContaining("division by zero");
		assertThat(valueSeenByAnotherConnection(3)).isEqualTo(3);
		assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
	}

	@Test
	void onAConnectionThatDoesNotAutoCommitAStatementStillCommitsOrRollsBackOnItsOwn() throws Exception {
		SingleConnectionDataSource manual = new SingleConnectionDataSource(PostgresTestServer.get().url(), "postgres",
				"", true);
		manual.setAutoCommit(false);
		try {
			JdbcIndexPlans plans = new JdbcIndexPlans(manual);
			plans.query("UPDATE " + this.table + " SET v = 0 WHERE id = ? RETURNING id", new Object[] { 5L },
					(row, n) -> row.getLong(1));
			assertThat(valueSeenByAnotherConnection(5)).isZero();
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> plans.query("UPDATE " + this.table + " SET v = 1 / (v - v) WHERE id = ? RETURNING id",
						new Object[] { 6L }, (row, n) -> row.getLong(1)));
			assertThat(new JdbcTemplate(manual).queryForObject("SELECT v FROM " + this.table + " WHERE id = 6",
					Integer.class))
				.isEqualTo(6);
		}
		finally {
			manual.destroy();
		}
	}

	private int valueSeenByAnotherConnection(long id) {
		SingleConnectionDataSource other = new SingleConnectionDataSource(PostgresTestServer.get().url(), "postgres",
				"", true);
		try {
			Integer value = new JdbcTemplate(other).queryForObject("SELECT v FROM " + this.table + " WHERE id = ?",
					Integer.class, id);
			return (value != null) ? value : -1;
		}
		finally {
			other.destroy();
		}
	}

	@Test
	void aFailingStatementFailsWithTheDatabasesErrorAndLeavesTheConnectionAsItWas() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.plans.query("SELECT v / (v - ?) FROM " + this.table, new Object[] { 7 },
					(row, n) -> row.getInt(1)))
			.withMessageContaining("division by zero");
		assertThat(this.template.queryForObject("SHOW enable_seqscan", String.class)).isEqualTo("on");
		assertThat(this.template.queryForObject("SELECT count(*) FROM " + this.table, Long.class)).isEqualTo(5000);
	}

}

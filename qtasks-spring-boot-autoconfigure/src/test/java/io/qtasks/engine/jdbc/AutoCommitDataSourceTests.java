package io.qtasks.engine.jdbc;

import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's statements on a pool whose connections do not auto-commit: outside a
 * Spring transaction each commits on its own; inside one it joins that transaction; the
 * pool gets its connections back as it gave them.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class AutoCommitDataSourceTests {

	private final String table = PostgresTestServer.uniquePrefix("ac") + "rows";

	private HikariDataSource pool;

	private DataSource engine;

	@BeforeEach
	void pool() {
		PostgresTestServer server = PostgresTestServer.get();
		server.execute("CREATE TABLE " + this.table + " (id INTEGER PRIMARY KEY)");
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(server.url());
		this.pool.setUsername("postgres");
		this.pool.setAutoCommit(false);
		this.pool.setMaximumPoolSize(2);
		this.engine = AutoCommitDataSource.of(this.pool);
	}

	@AfterEach
	void close() {
		this.pool.close();
		PostgresTestServer.get().execute("DROP TABLE " + this.table);
	}

	@Test
	void aStatementOutsideATransactionCommitsOnItsOwn() throws Exception {
		new JdbcTemplate(this.engine).update("INSERT INTO " + this.table + " (id) VALUES (1)");
		assertThat(committedRows()).isEqualTo(1);
	}

	@Test
	void withoutItTheSameStatementIsRolledBackWhenItsConnectionGoesBack() throws Exception {
		new JdbcTemplate(this.pool).update("INSERT INTO " + this.table + " (id) VALUES (1)");
		assertThat(committedRows()).isZero();
	}

	@Test
	void aStatementInsideTheApplicationsTransactionJoinsItAndRollsBackWithIt() throws Exception {
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.pool));
		transaction.executeWithoutResult((status) -> {
			new JdbcTemplate(this.pool).update("INSERT INTO " + this.table + " (id) VALUES (1)");
			new JdbcTemplate(this.engine).update("INSERT INTO " + this.table + " (id) VALUES (2)");
			assertThat(new JdbcTemplate(this.engine).queryForObject("SELECT count(*) FROM " + this.table, Long.class))
				.as("the engine sees the application's uncommitted row")
				.isEqualTo(2);
			status.setRollbackOnly();
		});
		assertThat(committedRows()).isZero();
		transaction.executeWithoutResult(
				(status) -> new JdbcTemplate(this.engine).update("INSERT INTO " + this.table + " (id) VALUES (3)"));
		assertThat(committedRows()).isEqualTo(1);
	}

	@Test
	void behindATransactionAwareProxyTheEngineJoinsTheApplicationsTransactionOrCommitsOnItsOwn() throws Exception {
		DataSource application = new TransactionAwareDataSourceProxy(this.pool);
		DataSource engine = AutoCommitDataSource.of(application);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(application));
		transaction.executeWithoutResult((status) -> {
			new JdbcTemplate(application).update("INSERT INTO " + this.table + " (id) VALUES (1)");
			new JdbcTemplate(engine).update("INSERT INTO " + this.table + " (id) VALUES (2)");
			status.setRollbackOnly();
		});
		assertThat(committedRows()).isZero();
		new JdbcTemplate(engine).update("INSERT INTO " + this.table + " (id) VALUES (3)");
		assertThat(committedRows()).isEqualTo(1);
	}

	@Test
	void thePoolGetsItsConnectionsBackAsItGaveThem() throws Exception {
		try (Connection connection = this.engine.getConnection()) {
			assertThat(connection.getAutoCommit()).isTrue();
		}
		for (int i = 0; i < 2; i++) {
			try (Connection connection = this.pool.getConnection()) {
				assertThat(connection.getAutoCommit()).isFalse();
			}
		}
	}

	@Test
	void wrappingTwiceWrapsOnce() {
		assertThat(AutoCommitDataSource.of(this.engine)).isSameAs(this.engine);
	}

	private long committedRows() throws Exception {
		try (Connection connection = PostgresTestServer.get().connect();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}

package io.qtasks.engine.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.QTasks;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qtasks.jdbc.initialize-schema} and the check of the schema at start-up.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcSchemaTests {

	private final String prefix = PostgresTestServer.uniquePrefix("schema");

	private ApplicationContextRunner application(String initializeSchema) {
		return JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.jdbc.initialize-schema=" + initializeSchema);
	}

	@Test
	void alwaysCreatesTheTablesUnderThePrefixAndRunsAgainUnchanged() {
		application("always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables(context.getBean(JdbcTemplate.class))).containsExactlyInAnyOrder(this.prefix + "node",
					this.prefix + "rate", this.prefix + "task", this.prefix + "unique", this.prefix + "schedule",
					this.prefix + "waiter");
			context.getBean(QTasks.class).addTask("echo", "kept");
		});
		application("always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM " + this.prefix + "task", Long.class)).isEqualTo(1);
		});
	}

	@Test
	void neverCreatesNothingAndStartUpNamesTheMissingTableAndTheFix() {
		application("never").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("'" + this.prefix + "task'")
			.hasMessageContaining("qtasks.jdbc.initialize-schema=always")
			.hasMessageContaining(JdbcSchema.SCRIPT));
		assertThat(tables(new JdbcTemplate(dataSource()))).isEmpty();
	}

	@Test
	void embeddedTheDefaultLeavesAPostgresqlDatabaseAlone() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false")
			.withPropertyValues("qtasks.jdbc.initialize-schema=embedded")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("does not exist"));
	}

	@Test
	void neverStartsOnTablesCreatedFromTheShippedScriptByAMigrationTool() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		String script = new JdbcSchema(dataSource(), new JdbcTables(this.prefix)).script();
		// what a Flyway migration copied from the script does
		jdbc.execute(script);
		application("never").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(QTasks.class).addTask("echo", "migrated").uuid()).isNotNull();
		});
	}

	@Test
	void alwaysAddsTheFlowColumnsToATaskTableCreatedBeforeFlowControl() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		JdbcTables tables = new JdbcTables(this.prefix);
		jdbc.execute(new JdbcSchema(dataSource(), tables).script());
		// the task table as the schema of the first JDBC release left it, with a queued
		// row
		jdbc.execute(tables.sql("DROP TABLE {rates}; DROP INDEX " + this.prefix + "task_lane_idx, " + this.prefix
				+ "task_queue_idx, " + this.prefix + "task_running_idx;"
				+ " ALTER TABLE {tasks} DROP COLUMN queue_name, DROP COLUMN limit_key"));
		jdbc.update(tables.sql("INSERT INTO {tasks} (uuid, task_name, status, priority, seq, queue, revision,"
				+ " created_at, record) VALUES (gen_random_uuid(), 'echo', 'new', 0, nextval('{seq}'), 'ready', 1,"
				+ " now(), '{}')"));
		application("always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables(jdbc)).contains(this.prefix + "rate");
			assertThat(
					jdbc.queryForObject(tables.sql("SELECT queue_name || '/' || limit_key FROM {tasks}"), String.class))
				.isEqualTo("default/");
			assertThat(context.getBean(io.qtasks.engine.TaskEngine.class).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void alwaysAddsTheStartColumnsToATaskTableCreatedBeforeClaimsStoredStarts() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		JdbcTables tables = new JdbcTables(this.prefix);
		jdbc.execute(new JdbcSchema(dataSource(), tables).script());
		jdbc.execute(tables
			.sql("ALTER TABLE {tasks} DROP COLUMN start_at, DROP COLUMN start_node, DROP COLUMN start_revision,"
					+ " DROP COLUMN start_deliveries"));
		application("never").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("no column 'start_at'")
			.hasMessageContaining("qtasks.jdbc.initialize-schema=always"));
		application("always").run((context) -> {
			assertThat(context).hasNotFailed();
			io.qtasks.engine.TaskEngine engine = context.getBean(io.qtasks.engine.TaskEngine.class);
			io.qtasks.Task queued = context.getBean(QTasks.class).addTask("echo", "upgraded");
			io.qtasks.engine.TaskDelivery claimed = engine
				.claim(io.qtasks.engine.spi.ClaimRequest.anyTask(1, java.time.Duration.ofSeconds(10))
					.startingOn("node-a"))
				.get(0);
			assertThat(claimed.claimRecordedStart()).isTrue();
			assertThat(engine.find(queued.uuid())).get()
				.extracting(io.qtasks.Task::status)
				.isEqualTo(io.qtasks.TaskStatus.PROCESS);
		});
	}

	@Test
	void alwaysAddsTheSchedulingTablesToASchemaCreatedBeforeScheduling() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		JdbcTables tables = new JdbcTables(this.prefix);
		jdbc.execute(new JdbcSchema(dataSource(), tables).script());
		jdbc.execute(tables.sql("DROP TABLE {unique}; DROP TABLE {schedules}"));
		application("always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables(jdbc)).contains(this.prefix + "unique", this.prefix + "schedule");
			QTasks qtasks = context.getBean(QTasks.class);
			assertThat(qtasks.task("echo").uniqueKey("upgraded").add().uuid())
				.isEqualTo(qtasks.task("echo").uniqueKey("upgraded").add().uuid());
		});
	}

	@Test
	void aTablePrefixThatIsNoPlainIdentifierFailsStartUp() {
		JdbcTestApplications.runner("x; DROP TABLE users; --")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("qtasks.jdbc.table-prefix")
				.hasMessageContaining("lowercase letters, digits and underscores"));
	}

	@Test
	void aHeartbeatNoShorterThanTheLeaseFailsStartUp() {
		application("always").withPropertyValues("qtasks.jdbc.lease=2s", "qtasks.jdbc.heartbeat-interval=2s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("qtasks.jdbc.heartbeat-interval (PT2S) must be shorter than qtasks.jdbc.lease"));
	}

	@Test
	void anotherDatabaseThanPostgresqlFailsStartUp() {
		new ApplicationContextRunner().withConfiguration(JdbcTestApplications.configurations())
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:qtasks-not-postgres", "qtasks.broker.type=jdbc",
					"qtasks.jdbc.initialize-schema=always")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("runs on PostgreSQL 13 or later; the DataSource is H2"));
	}

	private java.util.List<String> tables(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE tablename LIKE ?", String.class,
				this.prefix.replace("_", "\\_") + "%");
	}

	private static javax.sql.DataSource dataSource() {
		PostgresTestServer server = PostgresTestServer.get();
		return new org.springframework.jdbc.datasource.DriverManagerDataSource(server.url(), "postgres", "");
	}

}

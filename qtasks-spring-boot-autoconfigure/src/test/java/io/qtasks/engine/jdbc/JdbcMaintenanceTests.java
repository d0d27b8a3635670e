package io.qtasks.engine.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The housekeeping of the JDBC engine: bounded deletes of expired records, and the vacuum
 * it runs itself when dead rows pile up (autovacuum may be off or lag).
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcMaintenanceTests {

	private static final Duration STATISTICS = Duration.ofSeconds(75);

	private final String prefix = PostgresTestServer.uniquePrefix("maintenance");

	@Test
	void aRunDeletesAtMostTenThousandExpiredRecordsAndKeepsTheLiveOnes() {
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			// the engine's own housekeeping would delete some of them first
			context.getBean(JdbcEngineLifecycle.class).stop();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			JdbcTables tables = context.getBean(JdbcTables.class);
			insertFinished(jdbc, tables, 10_500, "now() - interval '1 minute'");
			insertFinished(jdbc, tables, 20, "now() + interval '1 hour'");
			JdbcMaintenance maintenance = new JdbcMaintenance(jdbc, tables);
			assertThat(maintenance.expireFinishedRecords()).isEqualTo(10_000);
			assertThat(maintenance.expireFinishedRecords()).isEqualTo(500);
			assertThat(maintenance.expireFinishedRecords()).isZero();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM " + tables.tasks(), Long.class)).isEqualTo(20);
		});
	}

	@Test
	void theEngineVacuumsTheTaskTableOnceItsDeadRowsPileUp() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.jdbc.reaper-interval=200ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				JdbcTables tables = context.getBean(JdbcTables.class);
				// autovacuum (on in a default PostgreSQL) would clear the dead rows
				// before
				// the engine sees them, and leave it nothing to do
				jdbc.execute("ALTER TABLE " + tables.tasks() + " SET (autovacuum_enabled = false)");
				assertThat(new JdbcMaintenance(jdbc, tables).vacuumIfNeeded()).as("no dead rows, no vacuum").isFalse();
				assertThat(vacuumedAndAnalyzed(jdbc, tables)).isFalse();
				insertFinished(jdbc, tables, 5_000, "now() - interval '1 minute'");
				// the engine deletes the expired records, and vacuums once PostgreSQL's
				// statistics count their dead rows: PostgreSQL reports a session's
				// statistics about a second after it goes idle, and at the latest after a
				// minute when other sessions hold the statistics' locks
				await().atMost(STATISTICS).until(() -> vacuumedAndAnalyzed(jdbc, tables));
				assertThat(jdbc.queryForObject("SELECT count(*) FROM " + tables.tasks(), Long.class)).isZero();
			});
	}

	@Test
	void aNodeVacuumsAtMostOncePerInterval() {
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			context.getBean(JdbcEngineLifecycle.class).stop();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			JdbcTables tables = context.getBean(JdbcTables.class);
			jdbc.execute("ALTER TABLE " + tables.tasks() + " SET (autovacuum_enabled = false)");
			// as long as the statistics could take to report, twice
			JdbcMaintenance maintenance = new JdbcMaintenance(jdbc, tables, Duration.ofMinutes(10));
			insertFinished(jdbc, tables, 5_000, "now() - interval '1 minute'");
			maintenance.expireFinishedRecords();
			// nothing else vacuums this table, so its dead rows only grow until this does
			await().atMost(STATISTICS).until(maintenance::vacuumIfNeeded);
			insertFinished(jdbc, tables, 5_000, "now() - interval '1 minute'");
			maintenance.expireFinishedRecords();
			await().atMost(STATISTICS).until(() -> deadRows(jdbc, tables) >= 5_000);
			assertThat(maintenance.vacuumIfNeeded()).as("a second vacuum within the interval").isFalse();
			assertThat(new JdbcMaintenance(jdbc, tables).vacuumIfNeeded()).as("another node's vacuum").isTrue();
		});
	}

	private static boolean vacuumedAndAnalyzed(JdbcTemplate jdbc, JdbcTables tables) {
		return jdbc.queryForObject("SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
				+ " FROM pg_stat_user_tables WHERE relid = to_regclass(?)", Boolean.class, tables.tasks());
	}

	private static long deadRows(JdbcTemplate jdbc, JdbcTables tables) {
		return jdbc.queryForObject("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = to_regclass(?)",
				Long.class, tables.tasks());
	}

	private static void insertFinished(JdbcTemplate jdbc, JdbcTables tables, int count, String expiresAt) {
		jdbc.update(tables.sql("INSERT INTO {tasks} (uuid, task_name, status, priority, seq, revision, created_at,"
				+ " expires_at, record) SELECT gen_random_uuid(), 'echo', 'success', 0, nextval('{seq}'), 1, now(), "
				+ expiresAt + ", '{}' FROM generate_series(1, ?)"), count);
	}

}

package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.WaitedForEnds;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications of finished tasks on JDBC: the end of a task is announced only while a
 * node waits for results, so that tasks nobody waits for cost no notification and no
 * listener's work on any node, and a caller that waits still gets its result pushed; the
 * node's row among the waiting nodes goes once nobody there waits.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcFinishedNotificationsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("finished");

	@Test
	void theEndOfATaskIsAnnouncedOnlyWhileSomeoneWaits() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.jdbc.reaper-interval=200ms")
			.withBean(TaskProbe.class, TaskProbe::new)
			.withBean(EngineTestTasks.class)
			.run((context) -> {
				JdbcTables tables = context.getBean(JdbcTables.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				try (Connection listening = PostgresTestServer.get().connect()) {
					listening.setAutoCommit(true);
					try (Statement statement = listening.createStatement()) {
						statement.execute("LISTEN \"" + tables.finishedChannel() + "\"");
					}
					Task awaited = WaitedForEnds.run(context.getBean(QTasks.class), context.getBean(TaskProbe.class),
							() -> waitingNodes(jdbc, tables), WAIT);

					List<String> announced = new ArrayList<>();
					long deadline = System.nanoTime() + WAIT.toNanos();
					while (!String.join(",", announced).contains(awaited.uuid().toString())
							&& System.nanoTime() < deadline) {
						PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(100);
						for (PGNotification notification : (notifications != null) ? notifications
								: new PGNotification[0]) {
							announced.addAll(List.of(notification.getParameter().split(",")));
						}
					}
					assertThat(announced).as("ends of tasks announced").containsExactly(awaited.uuid().toString());
					await().atMost(WAIT)
						.alias("the node's row, once nobody there waits")
						.until(() -> waitingNodes(jdbc, tables) == 0);
				}
			});
	}

	private static long waitingNodes(JdbcTemplate jdbc, JdbcTables tables) {
		return jdbc.queryForObject("SELECT count(*) FROM " + tables.waiters(), Long.class);
	}

}

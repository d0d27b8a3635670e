package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.testsupport.CuttableDataSource;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pickup and results through {@code LISTEN}/{@code NOTIFY}, between two nodes whose poll
 * interval is a minute: what they pick up within seconds, a notification brought them.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcNotificationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * Far below the poll interval, far above a notification's delivery.
	 */
	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	/**
	 * Far below the poll interval, for fifty tasks one after the other.
	 */
	private static final Duration BURST_PROMPTLY = Duration.ofSeconds(15);

	private final String prefix = PostgresTestServer.uniquePrefix("notify");

	private final TaskProbe probe = new TaskProbe();

	private ApplicationContextRunner node(String node, String... properties) {
		return JdbcTestApplications.runner(this.prefix)
			.withBean(CuttableDataSource.class.getName() + ".wrapping", BeanPostProcessor.class,
					CuttableDataSource::wrapping)
			.withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("test.node=" + node, "qtasks.jdbc.poll-interval=1m")
			.withPropertyValues(properties);
	}

	@Test
	void aTaskEnqueuedOnOneNodeIsPickedUpAndItsResultPushedAtOnce() {
		node("client", "qtasks.worker.enabled=false").run((client) -> node("B").run((b) -> {
			awaitListening(client, b);
			for (int i = 0; i < 5; i++) {
				long start = System.nanoTime();
				Task done = qtasks(client).task("record").args("pushed " + i).addAndWait(WAIT);
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).isEqualTo("B");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
			}
		}));
	}

	@Test
	void aBurstOfTasksEnqueuedOnOneNodeIsAllPickedUpOnAnotherWithoutWaitingForAPoll() {
		node("client", "qtasks.worker.enabled=false").run((client) -> node("B").run((b) -> {
			awaitListening(client, b);
			QTasks qtasks = qtasks(client);
			long start = System.nanoTime();
			// enqueued back to back: their wake-ups are coalesced, the last one included
			List<Task> burst = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				burst.add(qtasks.addTask("record", "burst " + i));
			}
			for (Task task : burst) {
				assertThat(qtasks.waitResult(task.uuid(), WAIT)).get()
					.extracting(Task::status)
					.isEqualTo(TaskStatus.SUCCESS);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BURST_PROMPTLY);
		}));
	}

	@Test
	void aTerminatedListeningConnectionIsReplacedAndPickupGoesOn() {
		node("client", "qtasks.worker.enabled=false").run((client) -> node("B").run((b) -> {
			List<Integer> before = awaitListening(client, b);
			PostgresTestServer.get()
				.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ("
						+ String.join(", ", before.stream().map(String::valueOf).toList()) + ")");
			await().atMost(WAIT).untilAsserted(() -> {
				List<Integer> after = awaitListening(client, b);
				assertThat(after).doesNotContainAnyElementsOf(before);
			});
			long start = System.nanoTime();
			Task done = qtasks(client).task("record").args("after the reconnect").addAndWait(WAIT);
			assertThat(done.returning()).isEqualTo("B");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
		}));
	}

	/**
	 * Waits until both nodes listen and answers the backends that do.
	 */
	private List<Integer> awaitListening(AssertableApplicationContext... nodes) {
		List<Integer> pids = new ArrayList<>();
		await().atMost(WAIT).untilAsserted(() -> {
			pids.clear();
			for (AssertableApplicationContext node : nodes) {
				List<Integer> listening = listeningBackends(node);
				assertThat(listening).hasSize(1);
				pids.addAll(listening);
			}
		});
		return pids;
	}

	private static List<Integer> listeningBackends(AssertableApplicationContext node) throws SQLException {
		String applicationName = ((CuttableDataSource) node.getBean(DataSource.class)).applicationName();
		try (Connection connection = PostgresTestServer.get().connect();
				PreparedStatement statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
						+ " WHERE application_name = ? AND query LIKE 'LISTEN%' AND state = 'idle'")) {
			statement.setString(1, applicationName);
			List<Integer> pids = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					pids.add(result.getInt(1));
				}
			}
			return pids;
		}
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}

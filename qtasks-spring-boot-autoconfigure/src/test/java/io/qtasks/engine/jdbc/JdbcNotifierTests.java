package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.qtasks.engine.WaiterListing;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification sender on its own, heard on a listening connection of the test: a
 * burst goes out in fewer notifications than hand-overs and still carries every finished
 * uuid and the wake-up, what is pending when it stops is sent, and the ends of tasks go
 * out only while some node is listed as waiting for results.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcNotifierTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final JdbcTables tables = new JdbcTables(PostgresTestServer.uniquePrefix("notifier"));

	private Connection listening;

	private JdbcNotifier notifier;

	private final DataSource dataSource = new DriverManagerDataSource(PostgresTestServer.get().url(), "postgres", "");

	@BeforeEach
	void listen() throws SQLException {
		new JdbcSchema(this.dataSource, this.tables).create();
		this.listening = PostgresTestServer.get().connect();
		this.listening.setAutoCommit(true);
		try (Statement statement = this.listening.createStatement()) {
			statement.execute("LISTEN \"" + this.tables.wakeChannel() + "\"");
			statement.execute("LISTEN \"" + this.tables.finishedChannel() + "\"");
		}
	}

	@AfterEach
	void close() throws SQLException {
		if (this.notifier != null) {
			this.notifier.stop();
		}
		this.listening.close();
	}

	@Test
	void aBurstIsCoalescedAndNothingOfItIsLost() throws SQLException {
		// a hand-over takes microseconds, a notification statement a round trip: what
		// comes in while one is under way goes out together in the next
		JdbcWaiters.listing(this.dataSource, this.tables).list();
		this.notifier = notifier();
		this.notifier.start();
		List<UUID> finished = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			UUID uuid = UUID.randomUUID();
			finished.add(uuid);
			this.notifier.wake();
			this.notifier.finished(uuid);
		}
		Received received = receiveUntil(finished);
		assertThat(received.finished()).containsExactlyInAnyOrderElementsOf(finished);
		assertThat(received.wakeUps()).isPositive();
		assertThat(received.notifications()).isLessThan(200);
		// the last wake-up of the burst went out, in or after the last notification that
		// carried finished uuids, and a wake-up after it still goes out
		this.notifier.wake();
		assertThat(receiveWakeUp()).isTrue();
	}

	@Test
	void stoppingSendsWhatIsPending() throws SQLException {
		JdbcWaiters.listing(this.dataSource, this.tables).list();
		this.notifier = notifier();
		this.notifier.start();
		UUID first = UUID.randomUUID();
		this.notifier.finished(first);
		assertThat(receiveUntil(List.of(first)).finished()).containsExactly(first);
		UUID pending = UUID.randomUUID();
		this.notifier.finished(pending);
		long start = System.nanoTime();
		this.notifier.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
		assertThat(receiveUntil(List.of(pending)).finished()).containsExactly(pending);
	}

	@Test
	void theEndsOfTasksGoOutOnlyWhileANodeIsListedAsWaiting() throws SQLException {
		this.notifier = notifier();
		this.notifier.start();
		UUID unwatched = UUID.randomUUID();
		this.notifier.finished(unwatched);
		this.notifier.wake();
		// the wake-up, sent with or after the end, tells that the end was not sent
		assertThat(receiveUntilWakeUp().finished()).isEmpty();

		WaiterListing listing = JdbcWaiters.listing(this.dataSource, this.tables);
		listing.list();
		UUID watched = UUID.randomUUID();
		this.notifier.finished(watched);
		assertThat(receiveUntil(List.of(watched)).finished()).containsExactly(watched);

		listing.unlistIf(() -> true);
		this.notifier.finished(UUID.randomUUID());
		this.notifier.wake();
		assertThat(receiveUntilWakeUp().finished()).isEmpty();

		// a node that died leaves its row, which counts until it runs out
		JdbcClient.create(this.dataSource)
			.sql(this.tables
				.sql("INSERT INTO {waiters} (node_id, expires_at) VALUES ('gone', now() - interval '1 second')"))
			.update();
		this.notifier.finished(UUID.randomUUID());
		this.notifier.wake();
		assertThat(receiveUntilWakeUp().finished()).isEmpty();
	}

	private JdbcNotifier notifier() {
		return new JdbcNotifier(JdbcClient.create(this.dataSource), this.tables);
	}

	private Received receiveUntilWakeUp() throws SQLException {
		Set<UUID> finished = new LinkedHashSet<>();
		int notifications = 0;
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			for (PGNotification notification : poll()) {
				notifications++;
				if (notification.getName().equals(this.tables.wakeChannel())) {
					return new Received(notifications, 1, finished);
				}
				Arrays.stream(notification.getParameter().split(",")).map(UUID::fromString).forEach(finished::add);
			}
		}
		throw new AssertionError("No wake-up within " + WAIT);
	}

	private Received receiveUntil(List<UUID> expected) throws SQLException {
		Set<UUID> finished = new LinkedHashSet<>();
		int notifications = 0;
		int wakeUps = 0;
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!finished.containsAll(expected) && System.nanoTime() < deadline) {
			for (PGNotification notification : poll()) {
				notifications++;
				if (notification.getName().equals(this.tables.wakeChannel())) {
					wakeUps++;
				}
				else {
					Arrays.stream(notification.getParameter().split(",")).map(UUID::fromString).forEach(finished::add);
				}
			}
		}
		return new Received(notifications, wakeUps, finished);
	}

	private boolean receiveWakeUp() throws SQLException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			for (PGNotification notification : poll()) {
				if (notification.getName().equals(this.tables.wakeChannel())) {
					return true;
				}
			}
		}
		return false;
	}

	private List<PGNotification> poll() throws SQLException {
		PGNotification[] notifications = this.listening.unwrap(PGConnection.class).getNotifications(100);
		return (notifications != null) ? List.of(notifications) : List.of();
	}

	private record Received(int notifications, int wakeUps, Set<UUID> finished) {

	}

}

package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.qtasks.engine.LogSafe;

/**
 * The engine's {@code LISTEN} connection: one connection of its own, taken from the
 * {@code DataSource} and held while the engine runs, on a thread of its own that hands
 * each notification to the handler of its channel. When the connection breaks (the
 * database restarted, the backend was terminated), it connects again with a growing
 * pause, and then tells every channel's catch-up that notifications may have been missed.
 * Every poll interval without notifications, it checks that the connection still answers,
 * and runs the catch-ups, so that a node that lost notifications unnoticed still sees
 * what it waits for.
 *
 * @author QTasks contributors
 */
public class JdbcNotifications {

	private static final Logger logger = LoggerFactory.getLogger(JdbcNotifications.class);

	private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(250);

	private static final Duration MAX_RECONNECT_PAUSE = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final Duration pollInterval;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final Object monitor = new Object();

	private volatile boolean running;

	private volatile boolean connected;

	private @Nullable Thread thread;

	/**
	 * Creates the listener; {@link #start()} it once the channels are registered.
	 * @param dataSource where the connection comes from
	 * @param pollInterval how often the connection is checked and the catch-ups run
	 * without notifications
	 */
	public JdbcNotifications(DataSource dataSource, Duration pollInterval) {
		this.dataSource = dataSource;
		this.pollInterval = pollInterval;
	}

	/**
	 * Registers a handler of a channel; the handlers of one channel each receive its
	 * notifications, in the order they were registered.
	 * @param channel the channel's name
	 * @param handler receives each notification's payload
	 * @param catchUp runs when notifications may have been missed
	 */
	public void listen(String channel, Consumer<String> handler, Runnable catchUp) {
		this.channels.merge(channel, new Channel(handler, catchUp), Channel::and);
	}

	/**
	 * Starts listening.
	 */
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-jdbc-listener-");
			threads.setDaemon(true);
			this.thread = threads.newThread(this::run);
			this.thread.start();
		}
	}

	/**
	 * Stops listening and gives the connection back.
	 */
	public void stop() {
		Thread listener;
		synchronized (this.monitor) {
			this.running = false;
			listener = this.thread;
			this.thread = null;
		}
		if (listener != null) {
			listener.interrupt();
			try {
				listener.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether the listening connection is up.
	 * @return the flag
	 */
	public boolean isConnected() {
		return this.connected;
	}

	private void run() {
		long pause = 50;
		boolean first = true;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				subscribe(connection);
				this.connected = true;
				if (!first) {
					logger.info("The LISTEN connection of the QTasks JDBC engine is back");
				}
				first = false;
				pause = 50;
				catchUp();
				receive(connection, postgres);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					logger.warn("The LISTEN connection of the QTasks JDBC engine failed; connecting again in {}ms: {}",
							pause, LogSafe.text(NestedExceptionUtils.getMostSpecificCause(ex).toString()));
				}
			}
			finally {
				this.connected = false;
			}
			if (!sleep(pause)) {
				return;
			}
			pause = Math.min(pause * 2, MAX_RECONNECT_PAUSE.toMillis());
		}
	}

	private void subscribe(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.setAutoCommit(true);
		}
		try (Statement statement = connection.createStatement()) {
			for (String channel : this.channels.keySet()) {
				statement.execute("LISTEN \"" + channel + "\"");
			}
		}
	}

	private void receive(Connection connection, PGConnection postgres) throws SQLException {
		long quietSince = System.nanoTime();
		while (this.running) {
			PGNotification[] notifications = postgres.getNotifications((int) RECEIVE_TIMEOUT.toMillis());
			if (notifications != null && notifications.length > 0) {
				for (PGNotification notification : notifications) {
					dispatch(notification);
				}
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > this.pollInterval.toNanos()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT 1");
				}
				catchUp();
				quietSince = System.nanoTime();
			}
		}
	}

	private void dispatch(PGNotification notification) {
		Channel channel = this.channels.get(notification.getName());
		if (channel == null) {
			return;
		}
		try {
			channel.handler().accept(notification.getParameter());
		}
		catch (RuntimeException ex) {
			logger.warn("A notification on {} could not be handled: {}", LogSafe.text(notification.getName()),
					LogSafe.text(ex.toString()));
		}
	}

	private void catchUp() {
		List<Channel> all = new ArrayList<>(this.channels.values());
		for (Channel channel : all) {
			try {
				channel.catchUp().run();
			}
			catch (RuntimeException ex) {
				logger.warn("Catching up on missed notifications failed: {}", LogSafe.text(ex.toString()));
			}
		}
	}

	private boolean sleep(long millis) {
		try {
			Thread.sleep(millis);
			return this.running;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private record Channel(Consumer<String> handler, Runnable catchUp) {

		Channel and(Channel next) {
			return new Channel(this.handler.andThen(next.handler), () -> {
				this.catchUp.run();
				next.catchUp.run();
			});
		}

	}

}

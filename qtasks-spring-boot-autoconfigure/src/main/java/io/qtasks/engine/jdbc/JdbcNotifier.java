package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.qtasks.engine.LogSafe;

/**
 * Sends the frequent notifications, wake-ups and finished tasks, after the commit of the
 * change they tell of, from a thread of its own, in batches.
 * <p>
 * PostgreSQL serialises the commits of transactions that {@code NOTIFY} on one lock, held
 * through their WAL flush, so a {@code NOTIFY} inside every enqueue and outcome would cap
 * the engine at one commit per flush. Here the change commits without it; the
 * notification follows in a transaction of its own that writes nothing and does not wait
 * for the flush, with as many wake-ups (one) and finished uuids (comma-separated, up to
 * {@value #MAX_PAYLOAD} characters a notification) as came in meanwhile. When the change
 * was made inside a Spring transaction, the notification waits for that transaction's
 * commit (and is dropped on rollback). Notifications are hints: a lost one (the sender's
 * database call failed, the JVM died right after the commit) costs a poll interval at
 * most.
 *
 * @author QTasks contributors
 */
public class JdbcNotifier {

	private static final Logger logger = LoggerFactory.getLogger(JdbcNotifier.class);

	/**
	 * PostgreSQL's limit is 8000 bytes.
	 */
	static final int MAX_PAYLOAD = 7_600;

	private final JdbcClient jdbc;

	private final JdbcTables tables;

	private final String send;

	private final Object monitor = new Object();

	private boolean wakePending;

	private Set<UUID> finishedPending = new LinkedHashSet<>();

	private volatile boolean running;

	private @Nullable Thread sender;

	/**
	 * Creates the notifier; {@link #start()} it.
	 * @param jdbc the database access
	 * @param tables the channel names
	 */
	public JdbcNotifier(JdbcClient jdbc, JdbcTables tables) {
		this.jdbc = jdbc;
		this.tables = tables;
		this.send = "WITH " + JdbcTaskQueue.NO_FLUSH + " SELECT count(pg_notify(channel, payload)) FROM no_flush,"
				+ " unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS notification(channel, payload)";
	}

	/**
	 * Tells the claimants of every node that tasks were queued, once the current
	 * transaction (if any) commits.
	 */
	public void wake() {
		afterCommit(() -> {
			synchronized (this.monitor) {
				this.wakePending = true;
				this.monitor.notifyAll();
			}
		});
	}

	/**
	 * Tells the waiters of every node that a task finished, once the current transaction
	 * (if any) commits.
	 * @param uuid the task's uuid
	 */
	public void finished(UUID uuid) {
		afterCommit(() -> {
			synchronized (this.monitor) {
				this.finishedPending.add(uuid);
				this.monitor.notifyAll();
			}
		});
	}

	/**
	 * Starts the sender.
	 */
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-jdbc-notifier-");
			threads.setDaemon(true);
			this.sender = threads.newThread(this::run);
			this.sender.start();
		}
	}

	/**
	 * Sends what is pending and stops the sender.
	 */
	public void stop() {
		Thread stopping;
		synchronized (this.monitor) {
			this.running = false;
			this.monitor.notifyAll();
			stopping = this.sender;
			this.sender = null;
		}
		if (stopping != null) {
			try {
				stopping.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					action.run();
				}

			});
		}
		else {
			action.run();
		}
	}

	private void run() {
		while (true) {
			boolean wake;
			Set<UUID> finished;
			synchronized (this.monitor) {
				while (this.running && !this.wakePending && this.finishedPending.isEmpty()) {
					try {
						this.monitor.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				if (!this.wakePending && this.finishedPending.isEmpty()) {
					return;
				}
				wake = this.wakePending;
				finished = this.finishedPending;
				this.wakePending = false;
				this.finishedPending = new LinkedHashSet<>();
			}
			send(wake, finished);
		}
	}

	private void send(boolean wake, Set<UUID> finished) {
		List<String> channels = new ArrayList<>();
		List<String> payloads = new ArrayList<>();
		if (wake) {
			channels.add(this.tables.wakeChannel());
			payloads.add("");
		}
		StringBuilder payload = new StringBuilder();
		for (UUID uuid : finished) {
			if (payload.length() + 37 > MAX_PAYLOAD) {
				channels.add(this.tables.finishedChannel());
				payloads.add(payload.toString());
				payload.setLength(0);
			}
			payload.append((payload.length() > 0) ? "," : "").append(uuid);
		}
		if (payload.length() > 0) {
			channels.add(this.tables.finishedChannel());
			payloads.add(payload.toString());
		}
		try {
			this.jdbc.sql(this.send)
				.params(channels.toArray(String[]::new), payloads.toArray(String[]::new))
				.query(Long.class)
				.single();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send {} notification(s); the nodes find out at their next poll: {}",
					channels.size(), LogSafe.text(ex.toString()));
		}
	}

}

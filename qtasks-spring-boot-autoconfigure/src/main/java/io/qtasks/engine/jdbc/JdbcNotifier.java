package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

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
 * {@value #MAX_PAYLOAD} characters a notification) as came in meanwhile. The finished
 * uuids are announced only while some node is listed as waiting for results
 * ({@link JdbcWaiters}), read in that same statement.
 * <p>
 * The sender sends what is pending at once; what comes in while a notification statement
 * is under way goes out together in the next one. The thread that hands over a change
 * only adds it to what is pending (and signals the sender when the sender is idle), so
 * that an enqueue never waits for its notification. When the change was made inside a
 * Spring transaction, the notification waits for that transaction's commit (and is
 * dropped on rollback). Notifications are hints: a lost one (the sender's database call
 * failed, the JVM died right after the commit) costs a poll interval at most.
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

	private final Lock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private boolean wakePending;

	private boolean idle;

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
		// the ends of tasks only while some node waits for results (JdbcWaiters): read
		// after the outcomes committed, so that a waiter listed too late for this read
		// finds its task finished when it reads the record
		this.send = tables.sql("WITH " + JdbcTaskQueue.NO_FLUSH + ", listed AS (SELECT EXISTS (SELECT 1 FROM {waiters}"
				+ " WHERE expires_at > now()) AS waiting) SELECT count(pg_notify(channel, payload)) FROM no_flush,"
				+ " listed, unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS notification(channel, payload)"
				+ " WHERE channel <> ? OR listed.waiting");
	}

	/**
	 * Tells the claimants of every node that tasks were queued, once the current
	 * transaction (if any) commits.
	 */
	public void wake() {
		afterCommit(() -> {
			this.lock.lock();
			try {
				if (!this.wakePending) {
					this.wakePending = true;
					signalIdle();
				}
			}
			finally {
				this.lock.unlock();
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
			this.lock.lock();
			try {
				this.finishedPending.add(uuid);
				signalIdle();
			}
			finally {
				this.lock.unlock();
			}
		});
	}

	/**
	 * Starts the sender.
	 */
	public void start() {
		this.lock.lock();
		try {
			if (this.running) {
				return;
			}
			this.running = true;
			CustomizableThreadFactory threads = new CustomizableThreadFactory("qtasks-jdbc-notifier-");
			threads.setDaemon(true);
			this.sender = threads.newThread(this::run);
			this.sender.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sends what is pending and stops the sender.
	 */
	public void stop() {
		Thread stopping;
		this.lock.lock();
		try {
			this.running = false;
			this.changed.signalAll();
			stopping = this.sender;
			this.sender = null;
		}
		finally {
			this.lock.unlock();
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

	/**
	 * Wakes the sender when it waits for something to send; while it sends, what came in
	 * meanwhile waits for its next turn. Called holding the lock.
	 */
	private void signalIdle() {
		if (this.idle) {
			this.changed.signal();
		}
	}

	private void run() {
		while (true) {
			boolean wake;
			Set<UUID> finished;
			this.lock.lock();
			try {
				if (!awaitPending()) {
					return;
				}
				wake = this.wakePending;
				finished = this.finishedPending;
				this.wakePending = false;
				this.finishedPending = new LinkedHashSet<>();
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				this.lock.unlock();
			}
			send(wake, finished);
		}
	}

	/**
	 * Waits for something to send, or for {@link #stop()}. Called holding the lock.
	 * @return whether there is something to send
	 */
	private boolean awaitPending() throws InterruptedException {
		while (this.running && !this.wakePending && this.finishedPending.isEmpty()) {
			this.idle = true;
			try {
				this.changed.await();
			}
			finally {
				this.idle = false;
			}
		}
		return this.wakePending || !this.finishedPending.isEmpty();
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
				.params(channels.toArray(String[]::new), payloads.toArray(String[]::new), this.tables.finishedChannel())
				.query(Long.class)
				.single();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send {} notification(s); the nodes find out at their next poll: {}",
					channels.size(), LogSafe.text(ex.toString()));
		}
	}

}

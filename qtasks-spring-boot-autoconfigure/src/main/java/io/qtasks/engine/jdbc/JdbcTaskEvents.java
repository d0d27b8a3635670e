package io.qtasks.engine.jdbc;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.qtasks.engine.ListedWaitersTaskEvents;

/**
 * The events of the JDBC engine, over its notification channels: finished tasks wake the
 * waiters of this node, cancel requests reach the listeners of this node. Notifications
 * are hints: when some may have been missed, the waiters look their tasks up and the
 * listeners are told that requests may have been missed.
 * <p>
 * The ends of tasks are announced only while some node waits for results, so a node lists
 * itself as waiting before its waiters read their records ({@link JdbcWaiters}).
 *
 * @author QTasks contributors
 */
public class JdbcTaskEvents extends ListedWaitersTaskEvents {

	private final JdbcTaskRecordStore records;

	private final JdbcTaskCodec codec;

	/**
	 * Creates the events; {@link #listen(JdbcTables, JdbcNotifications)} before use.
	 * @param records where the waiters look their tasks up
	 * @param codec reads the cancel notifications
	 * @param dataSource the engine's database access, for this node's row among the nodes
	 * that wait for results
	 * @param tables the table names
	 */
	public JdbcTaskEvents(JdbcTaskRecordStore records, JdbcTaskCodec codec, DataSource dataSource, JdbcTables tables) {
		super(JdbcWaiters.listing(dataSource, tables));
		this.records = records;
		this.codec = codec;
	}

	/**
	 * Listens to the channels of finished tasks and cancel requests.
	 * @param tables the channel names
	 * @param notifications the engine's listening connection
	 */
	public void listen(JdbcTables tables, JdbcNotifications notifications) {
		notifications.listen(tables.finishedChannel(), this::finished, this::catchUpOnFinished);
		notifications.listen(tables.cancelChannel(), this::cancelRequestedBy, this::requestsMayHaveBeenMissed);
	}

	/**
	 * A notification names one or more finished tasks, comma-separated.
	 */
	private void finished(String payload) {
		for (String uuid : payload.split(",")) {
			if (!uuid.isEmpty()) {
				finishedHint(UUID.fromString(uuid), this.records);
			}
		}
	}

	private void catchUpOnFinished() {
		catchUpOnFinished(this.records);
	}

	private void cancelRequestedBy(String payload) {
		cancelRequested(this.codec.read(payload, Map.class));
	}

}

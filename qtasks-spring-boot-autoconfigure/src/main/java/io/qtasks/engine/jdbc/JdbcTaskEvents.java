package io.qtasks.engine.jdbc;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskEventsSupport;
import io.qtasks.engine.spi.StoredTask;

/**
 * The events of the JDBC engine, over its notification channels: finished tasks wake the
 * waiters of this node, cancel requests reach the listeners of this node. Notifications
 * are hints: when some may have been missed, the waiters look their tasks up and the
 * listeners are told that requests may have been missed.
 *
 * @author QTasks contributors
 */
public class JdbcTaskEvents extends TaskEventsSupport {

	private final JdbcTaskRecordStore records;

	private final JdbcTaskCodec codec;

	/**
	 * Creates the events; {@link #listen(JdbcTables, JdbcNotifications)} before use.
	 * @param records where the waiters look their tasks up
	 * @param codec reads the cancel notifications
	 */
	public JdbcTaskEvents(JdbcTaskRecordStore records, JdbcTaskCodec codec) {
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
			if (!uuid.isEmpty() && isWaitedFor(UUID.fromString(uuid))) {
				lookUp(UUID.fromString(uuid));
			}
		}
	}

	private void catchUpOnFinished() {
		waitedFor().forEach(this::lookUp);
	}

	private void lookUp(UUID uuid) {
		this.records.find(uuid).map(StoredTask::record).filter(Task::isFinished).ifPresent(this::finished);
	}

	private void cancelRequestedBy(String payload) {
		Map<?, ?> request = this.codec.read(payload, Map.class);
		UUID uuid = UUID.fromString(String.valueOf(request.get("uuid")));
		cancelRequested(uuid, text(request.get("token")), String.valueOf(request.get("reason")));
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

}

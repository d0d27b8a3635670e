package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.Task;
import io.qtasks.engine.ClaimStarts;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.ClaimStart;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.json.JsonConversionException;
import io.qtasks.json.TaskJsonMapper;

/**
 * Writes task records as JSON with the application's mapper (its record form,
 * {@link TaskJsonMapper#getRecordMapper()}), and reads rows of the task table back into
 * stored records.
 * <p>
 * A claim that starts the task's attempt stores only the start (time, node, delivery
 * count and the revision it holds for, in the {@code start_*} columns) next to the
 * record, which is read into the record by the engine-neutral rule ({@link ClaimStarts})
 * while the row keeps that revision; every later write of the record clears them.
 *
 * @author QTasks contributors
 */
public class JdbcTaskCodec {

	/**
	 * The columns {@link #stored(ResultSet)} reads.
	 */
	static final String STORED_COLUMNS = "uuid, task_name, record, revision, holder, cancel_request, start_at,"
			+ " start_node, start_deliveries, start_revision";

	/**
	 * The assignments that clear a start a claim stored, for every statement that writes
	 * the record itself (which then holds that start, or replaces it).
	 */
	static final String NO_START = "start_at = NULL, start_node = NULL, start_deliveries = NULL,"
			+ " start_revision = NULL";

	private static final int MAX_QUOTED_LENGTH = 300;

	private final JsonMapper mapper;

	/**
	 * Creates a codec.
	 * @param json the application's JSON conversion
	 */
	public JdbcTaskCodec(TaskJsonMapper json) {
		this.mapper = json.getRecordMapper();
	}

	/**
	 * Writes a record or any other value.
	 * @param value the value
	 * @return its JSON
	 */
	public String write(Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new JsonConversionException("Cannot write " + value.getClass().getName() + " as JSON", ex);
		}
	}

	/**
	 * Reads JSON as a type.
	 * @param <T> the type
	 * @param json the JSON
	 * @param type the type
	 * @return the value
	 */
	public <T> T read(String json, Class<T> type) {
		try {
			return this.mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new JsonConversionException("Cannot read " + quote(json) + " as a " + type.getSimpleName(), ex);
		}
	}

	/**
	 * Reads the {@link #STORED_COLUMNS} of a row.
	 * @param row the row
	 * @return the stored record, with the start a claim stored read into it
	 * @throws SQLException when a column cannot be read
	 * @throws UnreadableRecordException when the JSON is not a record of that task
	 */
	StoredTask stored(ResultSet row) throws SQLException {
		UUID uuid = row.getObject("uuid", UUID.class);
		long revision = row.getLong("revision");
		Task task = record(uuid, row.getString("record"), row.getString("task_name"), revision);
		ClaimStart start = start(row, task);
		return stored(row, (start != null) ? start.record() : task, revision);
	}

	/**
	 * The start of an attempt that a claim stored next to the record of a row of
	 * {@link #STORED_COLUMNS}.
	 * @param row the row
	 * @param task the record as stored, without that start
	 * @return the start, with the record as it reads with it, or {@code null} when none
	 * is stored
	 * @throws SQLException when a column cannot be read
	 */
	@Nullable ClaimStart start(ResultSet row, Task task) throws SQLException {
		Timestamp at = row.getTimestamp("start_at");
		String node = row.getString("start_node");
		if (at == null || node == null || row.getLong("start_revision") != row.getLong("revision")) {
			// none, or one that a write since (by a node that knows no starts) voided
			return null;
		}
		int deliveries = row.getInt("start_deliveries");
		return new ClaimStart(at.toInstant(), node, ClaimStarts.started(task, deliveries, node, at.toInstant()));
	}

	/**
	 * A row of {@link #STORED_COLUMNS} with the given record.
	 */
	static StoredTask stored(ResultSet row, Task record, long revision) throws SQLException {
		return new StoredTask(record, revision, row.getString("holder"), row.getString("cancel_request"));
	}

	Task record(UUID uuid, String json, @Nullable String taskName, long revision) {
		Task task;
		try {
			task = this.mapper.readValue(json, Task.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableRecordException(uuid, taskName, revision,
					firstLine(ex.getMessage()) + " in " + quote(json), ex);
		}
		if (task == null || !uuid.equals(task.uuid())) {
			throw new UnreadableRecordException(uuid, taskName, revision,
					"it is not this task's record: " + quote(json), null);
		}
		return task;
	}

	private static String quote(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		String shown = (text.length() > MAX_QUOTED_LENGTH) ? text.substring(0, MAX_QUOTED_LENGTH) + "…" : text;
		return "'" + LogSafe.text(shown) + "'";
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "invalid JSON";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}

package io.qtasks.engine.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.Task;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.json.JsonConversionException;
import io.qtasks.json.TaskJsonMapper;

/**
 * Writes task records as JSON with the application's mapper (its record form,
 * {@link TaskJsonMapper#getRecordMapper()}), and reads rows of the task table back into
 * stored records.
 *
 * @author QTasks contributors
 */
public class JdbcTaskCodec {

	/**
	 * The columns {@link #stored(ResultSet)} reads.
	 */
	static final String STORED_COLUMNS = "uuid, task_name, record, revision, holder, cancel_request";

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
	 * @return the stored record
	 * @throws SQLException when a column cannot be read
	 * @throws UnreadableRecordException when the JSON is not a record of that task
	 */
	StoredTask stored(ResultSet row) throws SQLException {
		UUID uuid = row.getObject("uuid", UUID.class);
		long revision = row.getLong("revision");
		Task task = record(uuid, row.getString("record"), row.getString("task_name"), revision);
		return new StoredTask(task, revision, row.getString("holder"), row.getString("cancel_request"));
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

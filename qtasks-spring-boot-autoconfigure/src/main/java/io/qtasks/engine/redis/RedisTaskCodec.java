package io.qtasks.engine.redis;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.ClaimStarts;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.ClaimStart;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.json.JsonConversionException;
import io.qtasks.json.TaskJsonMapper;

/**
 * Writes task records and messages as JSON with the application's mapper (its record
 * form, {@link TaskJsonMapper#getRecordMapper()}), and reads them back.
 * <p>
 * A task's status is also kept in a field of its own next to the record, so that Lua
 * scripts can change it (for example when an expired lease puts a task back in the queue)
 * without rewriting the JSON. That field wins when the two differ. Likewise a claim that
 * starts the task's attempt stores only the start (time, deliveries, node) next to the
 * record, which is read into it by the engine-neutral rule ({@link ClaimStarts}).
 *
 * @author QTasks contributors
 */
public class RedisTaskCodec {

	private static final int MAX_QUOTED_LENGTH = 500;

	private final JsonMapper mapper;

	/**
	 * Creates a codec.
	 * @param json the application's JSON conversion
	 */
	public RedisTaskCodec(TaskJsonMapper json) {
		this.mapper = json.getRecordMapper();
	}

	/**
	 * Writes a record.
	 * @param task the record
	 * @return its JSON
	 */
	public String write(Task task) {
		return writeValue(task);
	}

	/**
	 * Reads a record.
	 * @param uuid the uuid the record is stored under
	 * @param record the stored JSON
	 * @param status the stored status field, or {@code null}/empty when absent
	 * @param name the stored name field, or {@code null}, for the exception
	 * @param revision the stored revision, for the exception
	 * @return the record, with the stored status
	 * @throws UnreadableRecordException when the JSON is not a record of that task
	 */
	public Task read(UUID uuid, String record, @Nullable String status, @Nullable String name, long revision) {
		return read(uuid, record, status, null, name, revision);
	}

	/**
	 * Reads a record, with the start of an attempt that a claim recorded next to it.
	 * @param uuid the uuid the record is stored under
	 * @param record the stored JSON
	 * @param status the stored status field, or {@code null}/empty when absent
	 * @param start the stored start field ({@code <ms> <deliveries> <node>}, see
	 * {@code claim.lua}), or {@code null}/empty when absent
	 * @param name the stored name field, or {@code null}, for the exception
	 * @param revision the stored revision, for the exception
	 * @return the record as {@link ClaimStarts} reads it when a start is stored, with the
	 * stored status
	 * @throws UnreadableRecordException when the JSON is not a record of that task, or
	 * the start field is malformed
	 */
	public Task read(UUID uuid, String record, @Nullable String status, @Nullable String start, @Nullable String name,
			long revision) {
		Task task = parse(uuid, record, name, revision);
		if (start != null && !start.isEmpty()) {
			task = started(task, start, name, revision).record();
		}
		return withStatus(task, uuid, status, name, revision);
	}

	/**
	 * The start a claim recorded for a record read without it.
	 * @param task the record as stored, before that start
	 * @param start the stored start field
	 * @param name the stored name field, or {@code null}, for the exception
	 * @param revision the stored revision, for the exception
	 * @return the start, with the record as it reads with it
	 * @throws UnreadableRecordException when the start field is malformed
	 */
	ClaimStart started(Task task, String start, @Nullable String name, long revision) {
		int first = start.indexOf(' ');
		int second = (first > 0) ? start.indexOf(' ', first + 1) : -1;
		try {
			if (second < 0 || second == start.length() - 1) {
				throw new IllegalArgumentException("expected '<ms> <deliveries> <node>'");
			}
			Instant at = Instant.ofEpochMilli(Long.parseLong(start.substring(0, first)));
			int deliveries = Integer.parseInt(start.substring(first + 1, second));
			String node = start.substring(second + 1);
			return new ClaimStart(at, node, ClaimStarts.started(task, deliveries, node, at));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new UnreadableRecordException(task.uuid(), name, revision, "its start field " + quote(start)
					+ " is not the start of an attempt (" + firstLine(ex.getMessage()) + ")", ex);
		}
	}

	private Task parse(UUID uuid, String record, @Nullable String name, long revision) {
		Task task;
		try {
			task = this.mapper.readValue(record, Task.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableRecordException(uuid, name, revision,
					firstLine(ex.getMessage()) + " in " + quote(record), ex);
		}
		if (task == null || !uuid.equals(task.uuid())) {
			throw new UnreadableRecordException(uuid, name, revision, "it is not this task's record: " + quote(record),
					null);
		}
		return task;
	}

	private static Task withStatus(Task task, UUID uuid, @Nullable String status, @Nullable String name,
			long revision) {
		if (status == null || status.isEmpty() || status.equals(task.status().value())) {
			return task;
		}
		try {
			return task.toBuilder().status(TaskStatus.fromValue(status)).build();
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableRecordException(uuid, name, revision,
					"its status field " + quote(status) + " names no status", ex);
		}
	}

	/**
	 * Writes any value as JSON.
	 * @param value the value
	 * @return its JSON
	 */
	public String writeValue(Object value) {
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
	 * @throws JsonConversionException when the JSON does not fit the type
	 */
	public <T> T readValue(String json, Class<T> type) {
		try {
			return this.mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new JsonConversionException("Cannot read " + quote(json) + " as a " + type.getSimpleName(), ex);
		}
	}

	/**
	 * Quotes stored text for a message, shortened when long and with its control
	 * characters escaped.
	 * @param text the text
	 * @return the quoted text
	 */
	public static String quote(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		String shown = (text.length() > MAX_QUOTED_LENGTH) ? text.substring(0, MAX_QUOTED_LENGTH) + "…" : text;
		return "'" + LogSafe.text(shown) + "'";
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "invalid JSON";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}

package io.qtasks.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.qtasks.Misfire;
import io.qtasks.definition.ScheduleSpec;
import io.qtasks.json.TaskJsonMapper;

/**
 * The definition of a schedule added at run time, as stored in the engine: what each
 * firing enqueues and when. Stored as JSON text, so that an engine keeps it without
 * knowing its shape: {@code {"task":"build_report","cron":"0 0 3 * *
 * *","zone":"Europe/Paris","args":["acme"],"kwargs":{},"priority":null,"misfire":"RUN_ONCE"}}
 * ({@code fixedRate} as an ISO-8601 duration instead of {@code cron} and {@code zone}).
 *
 * @param taskName the task each firing enqueues
 * @param spec when, and with which arguments
 * @param priority the priority of each firing, or {@code null} for the task's own
 * @author QTasks contributors
 */
public record RuntimeSchedule(String taskName, ScheduleSpec spec, @Nullable Integer priority) {

	/**
	 * Writes the definition as JSON text.
	 * @param json the JSON conversion
	 * @return the text
	 */
	public String write(TaskJsonMapper json) {
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("task", this.taskName);
		if (this.spec.cron() != null) {
			definition.put("cron", this.spec.cron());
			definition.put("zone", (this.spec.zone() != null) ? this.spec.zone().getId() : null);
		}
		else {
			definition.put("fixedRate", String.valueOf(this.spec.fixedRate()));
		}
		definition.put("args", this.spec.args());
		definition.put("kwargs", this.spec.kwargs());
		definition.put("priority", this.priority);
		definition.put("misfire", this.spec.misfire().name());
		return json.getMapper().writeValueAsString(definition);
	}

	/**
	 * Reads a definition written by {@link #write(TaskJsonMapper)}.
	 * @param text the JSON text
	 * @param json the JSON conversion
	 * @return the definition
	 * @throws IllegalArgumentException when the text is no such definition
	 */
	@SuppressWarnings("unchecked")
	public static RuntimeSchedule read(String text, TaskJsonMapper json) {
		Map<String, Object> definition;
		try {
			definition = json.getMapper().readValue(text, Map.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getMessage(), ex);
		}
		if (!(definition.get("task") instanceof String taskName)) {
			throw new IllegalArgumentException("no task name");
		}
		List<Object> args = (definition.get("args") instanceof List<?> list) ? (List<Object>) list : List.of();
		Map<String, Object> kwargs = (definition.get("kwargs") instanceof Map<?, ?> map) ? (Map<String, Object>) map
				: Map.of();
		Misfire misfire = (definition.get("misfire") instanceof String name) ? Misfire.valueOf(name) : Misfire.RUN_ONCE;
		Integer priority = (definition.get("priority") instanceof Number number) ? number.intValue() : null;
		ScheduleSpec spec;
		if (definition.get("cron") instanceof String cron) {
			ZoneId zone = (definition.get("zone") instanceof String id) ? ZoneId.of(id) : null;
			spec = ScheduleSpec.cron(cron, zone, args, kwargs, misfire);
		}
		else if (definition.get("fixedRate") instanceof String rate) {
			spec = ScheduleSpec.fixedRate(Duration.parse(rate), args, kwargs, misfire);
		}
		else {
			throw new IllegalArgumentException("neither a cron expression nor a fixed rate");
		}
		return new RuntimeSchedule(taskName, spec, priority);
	}

}

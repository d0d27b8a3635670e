package io.qtasks.definition;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.qtasks.annotation.QTask;
import io.qtasks.json.TaskJsonMapper;

/**
 * Reads the schedule of a {@code @QTask} method ({@code cron} or {@code fixedRate}, with
 * {@code zone}, {@code args} and {@code misfire}) and rejects invalid combinations.
 *
 * @author QTasks contributors
 */
final class ScheduleAttributes {

	private final TaskJsonMapper json;

	ScheduleAttributes(TaskJsonMapper json) {
		this.json = json;
	}

	@Nullable ScheduleSpec schedule(QTask annotation, String where) {
		boolean cron = StringUtils.hasText(annotation.cron());
		boolean fixedRate = StringUtils.hasText(annotation.fixedRate());
		if (!cron && !fixedRate) {
			for (String attribute : new String[] { annotation.zone(), annotation.args() }) {
				if (StringUtils.hasText(attribute)) {
					throw new TaskDefinitionException(
							where + ": zone and args apply to a schedule; set cron or fixedRate too");
				}
			}
			return null;
		}
		if (cron && fixedRate) {
			throw new TaskDefinitionException(where + ": set either cron or fixedRate, not both");
		}
		Object arguments = scheduleArgs(annotation.args(), where);
		List<Object> args = (arguments instanceof List<?> list) ? new ArrayList<>(list) : List.of();
		Map<String, Object> kwargs = new LinkedHashMap<>();
		if (arguments instanceof Map<?, ?> map) {
			map.forEach((key, value) -> kwargs.put(String.valueOf(key), value));
		}
		if (fixedRate) {
			Duration rate = AttributeValues.duration(annotation.fixedRate(), "fixedRate", where, null);
			if (rate == null || rate.toMillis() < 1) {
				throw new TaskDefinitionException(
						where + ": fixedRate must be at least 1ms, was '" + annotation.fixedRate() + "'");
			}
			if (StringUtils.hasText(annotation.zone())) {
				throw new TaskDefinitionException(where + ": zone applies to cron, not to fixedRate");
			}
			return ScheduleSpec.fixedRate(rate, args, kwargs, annotation.misfire());
		}
		try {
			return ScheduleSpec.cron(annotation.cron(), zone(annotation.zone(), where), args, kwargs,
					annotation.misfire());
		}
		catch (IllegalArgumentException ex) {
			throw new TaskDefinitionException(where + ": cron '" + annotation.cron() + "' is not a cron expression"
					+ " (six fields, seconds first, such as \"0 0 3 * * *\", or a macro such as \"@daily\"): "
					+ ex.getMessage(), ex);
		}
	}

	private static @Nullable ZoneId zone(String zone, String where) {
		if (!StringUtils.hasText(zone)) {
			return null;
		}
		try {
			return ZoneId.of(zone.trim());
		}
		catch (DateTimeException ex) {
			throw new TaskDefinitionException(
					where + ": zone '" + zone + "' is not a time zone id such as" + " \"Europe/Paris\" or \"UTC\"", ex);
		}
	}

	private @Nullable Object scheduleArgs(String args, String where) {
		if (!StringUtils.hasText(args)) {
			return null;
		}
		Object parsed;
		try {
			parsed = this.json.getMapper().readValue(args, Object.class);
		}
		catch (RuntimeException ex) {
			throw new TaskDefinitionException(where + ": args '" + args + "' is not JSON text: " + ex.getMessage(), ex);
		}
		if (!(parsed instanceof List) && !(parsed instanceof Map)) {
			throw new TaskDefinitionException(where + ": args must be a JSON array (positional arguments) or object"
					+ " (named arguments), was '" + args + "'");
		}
		return parsed;
	}

}

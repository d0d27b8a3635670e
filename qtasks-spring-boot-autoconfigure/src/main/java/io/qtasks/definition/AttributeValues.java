package io.qtasks.definition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

/**
 * Parses the text values of {@code @QTask} attributes (durations, {@code key=value}
 * entries), with a message that names the method and the attribute when one is malformed.
 *
 * @author QTasks contributors
 */
final class AttributeValues {

	private AttributeValues() {
	}

	static @Nullable Duration duration(String value, String attribute, String where, @Nullable Duration defaultValue) {
		if (!StringUtils.hasText(value)) {
			return defaultValue;
		}
		try {
			return DurationStyle.detectAndParse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new TaskDefinitionException(
					where + ": " + attribute + " '" + value + "' is not a duration such as \"30s\" or \"PT2M\"", ex);
		}
	}

	static Map<String, String> extra(String[] entries, String where) {
		Map<String, String> extra = new LinkedHashMap<>();
		for (String entry : entries) {
			int separator = entry.indexOf('=');
			if (separator < 1) {
				throw new TaskDefinitionException(where + ": extra entry '" + entry + "' is not of the form key=value");
			}
			extra.put(entry.substring(0, separator).trim(), entry.substring(separator + 1).trim());
		}
		return extra;
	}

}

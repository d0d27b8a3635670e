package io.qtasks.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads option values, with errors that name the option and the value.
 *
 * @author QTasks contributors
 */
final class OptionValues {

	private OptionValues() {
	}

	static int positive(String name, String value) {
		try {
			int parsed = Integer.parseInt(value.replace("_", "").trim());
			if (parsed < 1) {
				throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
		}
	}

	static Duration seconds(String name, String value) {
		return Duration.ofSeconds(positive(name, value.replaceAll("s$", "")));
	}

	static List<Integer> integers(String name, String value) {
		List<Integer> values = new ArrayList<>();
		for (String part : value.split(",")) {
			if (!part.isBlank()) {
				values.add(positive(name, part));
			}
		}
		if (values.isEmpty()) {
			throw new IllegalArgumentException("--" + name + " needs at least one value");
		}
		return List.copyOf(values);
	}

	static Set<String> words(String name, String value, Set<String> allowed) {
		Set<String> values = new LinkedHashSet<>();
		for (String part : value.split(",")) {
			String word = part.trim().toLowerCase(Locale.ROOT);
			if (word.isEmpty()) {
				continue;
			}
			if (!allowed.contains(word)) {
				throw new IllegalArgumentException("--" + name + " does not know '" + word + "'; use " + allowed);
			}
			values.add(word);
		}
		return values;
	}

}

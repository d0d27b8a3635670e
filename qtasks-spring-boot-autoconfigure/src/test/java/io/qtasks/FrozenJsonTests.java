package io.qtasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the frozen maps and lists of a {@link Task}: small maps are kept in one
 * array, larger ones in a hash map, and both behave as an unmodifiable map in the
 * source's order.
 *
 * @author QTasks contributors
 */
class FrozenJsonTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 8, 9, 40 })
	void aFrozenMapKeepsTheOrderNullsAndEqualityOfItsSource(int size) {
		Map<String, Object> source = new LinkedHashMap<>();
		for (int i = size; i > 0; i--) {
			source.put("key" + i, (i % 3 == 0) ? null : i);
		}

		Map<String, Object> frozen = FrozenJson.map(source);

		assertThat(frozen).containsExactlyEntriesOf(source);
		assertThat(frozen).isEqualTo(source).hasSameHashCodeAs(source);
		assertThat(frozen.get("key" + size)).isEqualTo(source.get("key" + size));
		assertThat(frozen.containsKey("key3")).isEqualTo(size >= 3);
		assertThat(frozen.get("no such key")).isNull();
		assertThat(frozen.containsKey("no such key")).isFalse();
		assertThat(frozen.get(null)).isNull();
		assertThat(FrozenJson.map(frozen)).isSameAs(frozen);
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 12 })
	void aFrozenMapCannotBeChanged(int size) {
		Map<String, Object> source = new HashMap<>();
		for (int i = 0; i < size; i++) {
			source.put("key" + i, i);
		}
		Map<String, Object> frozen = FrozenJson.map(source);
		source.put("later", 1);

		assertThat(frozen).hasSize(size).doesNotContainKey("later");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> frozen.put("key0", 9));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> frozen.remove("key0"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> frozen.entrySet().iterator().next().setValue(9));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> {
			var entries = frozen.entrySet().iterator();
			entries.next();
			entries.remove();
		});
	}

	@Test
	void theMetadataOfARecordIsFrozenWithTheListsAndMapsItHolds() {
		Map<String, Object> attempt = new LinkedHashMap<>();
		attempt.put("attempt", 1);
		attempt.put("startedAt", "2026-12-03T10:00:00Z");
		List<Object> attempts = new ArrayList<>(List.of(attempt));

		Task task = Task.builder(UUID.randomUUID(), "send").extra("attempts", attempts).build();
		attempt.put("endedAt", "later");
		attempts.add("more");

		List<?> recorded = (List<?>) task.extra().get("attempts");
		assertThat(recorded).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> first = (Map<String, Object>) recorded.get(0);
		assertThat(first).containsOnlyKeys("attempt", "startedAt");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> recorded.remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> first.put("endedAt", "now"));
	}

	@Test
	void aDerivedRecordTakesTheFrozenMetadataOverWithoutCopyingIt() {
		Task task = Task.builder(UUID.randomUUID(), "send").extra("attempts", List.of(Map.of("attempt", 1))).build();

		Task derived = task.toBuilder().extra("node", "n1").build();

		assertThat(derived.extra().get("attempts")).isSameAs(task.extra().get("attempts"));
		assertThat(derived.extra()).containsOnlyKeys("attempts", "node");
	}

}

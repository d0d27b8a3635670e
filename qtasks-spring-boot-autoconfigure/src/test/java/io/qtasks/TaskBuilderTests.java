package io.qtasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Task.Builder}'s edits of {@link Task#extra()}.
 *
 * @author QTasks contributors
 */
class TaskBuilderTests {

	private final Task task = Task.builder(UUID.randomUUID(), "send").extra(ordered()).build();

	@Test
	void removesAnExtraEntryAndKeepsTheOrderOfTheOthers() {
		Task changed = this.task.toBuilder().removeExtra("b").extra("d", 4).build();
		assertThat(changed.extra()).containsExactly(Map.entry("a", 1), Map.entry("c", 3), Map.entry("d", 4));
		assertThat(this.task.extra()).containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
	}

	@Test
	void removingAnEntryThatIsNotThereKeepsTheExtraAsItWas() {
		Task same = this.task.toBuilder().removeExtra("x").build();
		assertThat(same.extra()).isSameAs(this.task.extra());
	}

	@Test
	void anEntryAddedAfterItWasRemovedGoesLast() {
		Task changed = this.task.toBuilder().removeExtra("a").extra("a", 0).build();
		assertThat(changed.extra()).containsExactly(Map.entry("b", 2), Map.entry("c", 3), Map.entry("a", 0));
	}

	private static Map<String, Object> ordered() {
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("a", 1);
		extra.put("b", 2);
		extra.put("c", 3);
		return extra;
	}

}

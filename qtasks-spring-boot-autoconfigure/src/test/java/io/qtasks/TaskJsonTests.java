package io.qtasks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON and text forms of {@link Task}.
 *
 * @author QTasks contributors
 */
class TaskJsonTests {

	private final JsonMapper mapper = new JsonMapper();

	private final Task task = Task.builder(UUID.fromString("6e5d4797-a350-4913-8275-a7dd5a315347"), "test_echo_ctx")
		.status(TaskStatus.CANCEL)
		.priority(1)
		.args(List.of("a", 1))
		.kwargs(Map.of("k", true))
		.createdAt(Instant.parse("2026-11-26T08:00:00Z"))
		.updatedAt(Instant.parse("2026-11-26T08:00:05Z"))
		.retry(3)
		.attempt(1)
		.cancelReason("Test task canceled")
		.build();

	@Test
	void writesCamelCaseJsonWithLowercaseStatus() {
		String json = this.mapper.writeValueAsString(this.task);
		assertThat(json).contains("\"status\":\"cancel\"")
			.contains("\"taskName\":\"test_echo_ctx\"")
			.contains("\"cancelReason\":\"Test task canceled\"")
			.contains("\"createdAt\":\"2026-11-26T08:00:00Z\"")
			.doesNotContain("finished");
	}

	@Test
	void readsItsOwnJsonBack() {
		String json = this.mapper.writeValueAsString(this.task);
		assertThat(this.mapper.readValue(json, Task.class)).isEqualTo(this.task);
	}

	@Test
	void toStringReadsLikeTheSeed() {
		assertThat(this.task.toString()).startsWith(
				"Task(status=cancel, uuid=6e5d4797-a350-4913-8275-a7dd5a315347, taskName=test_echo_ctx, priority=1,")
			.endsWith("cancelReason=Test task canceled)");
	}

	@Test
	void toStringShowsOnlyTheFirstLineOfATraceback() {
		Task failed = this.task.toBuilder()
			.traceback("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)")
			.build();
		assertThat(failed.toString()).contains("traceback=java.lang.IllegalStateException: boom …,")
			.doesNotContain("Z.java");
	}

	@Test
	void statusParsesAnyCase() {
		assertThat(TaskStatus.fromValue("Success")).isEqualTo(TaskStatus.SUCCESS);
		assertThat(TaskStatus.CANCEL.isFinished()).isTrue();
		assertThat(TaskStatus.RETRY.isFinished()).isFalse();
	}

}

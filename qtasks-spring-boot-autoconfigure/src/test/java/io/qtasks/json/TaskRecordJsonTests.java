package io.qtasks.json;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the record mapper of {@link TaskJsonMapper}: the same JSON as the
 * application's mapper, read back the same way.
 *
 * @author QTasks contributors
 */
class TaskRecordJsonTests {

	private static final UUID UUID_1 = UUID.fromString("0b7c2f0e-9d5a-4c1e-8f3b-2a6d4e8c1f00");

	private final TaskJsonMapper json = new TaskJsonMapper(new JsonMapper());

	private final Task task = Task.builder(UUID_1, "send")
		.status(TaskStatus.PROCESS)
		.args(List.of("x", Map.of("at", "2026-12-01T18:40:13.5+01:00")))
		.createdAt(Instant.parse("2026-12-01T18:40:13.123456789Z"))
		.updatedAt(Instant.parse("2026-12-01T18:40:14Z"))
		.extra(Map.of("startedAt", "2026-12-01T18:40:14Z"))
		.build();

	@Test
	void writesARecordAsTheApplicationsMapperDoes() {
		assertThat(this.json.getRecordMapper()).isNotSameAs(this.json.getMapper());
		String written = this.json.getRecordMapper().writeValueAsString(this.task);
		assertThat(written).isEqualTo(this.json.getMapper().writeValueAsString(this.task))
			.contains("\"createdAt\":\"2026-12-01T18:40:13.123456789Z\"", "\"updatedAt\":\"2026-12-01T18:40:14Z\"")
			.contains("{\"at\":\"2026-12-01T18:40:13.5+01:00\"}");
		Task withoutUpdate = this.task.toBuilder().updatedAt(null).build();
		assertThat(this.json.getRecordMapper().writeValueAsString(withoutUpdate))
			.isEqualTo(this.json.getMapper().writeValueAsString(withoutUpdate))
			.contains("\"updatedAt\":null");
	}

	@Test
	void readsBackWhatItWrites() {
		String written = this.json.getRecordMapper().writeValueAsString(this.task);
		assertThat(this.json.getRecordMapper().readValue(written, Task.class)).isEqualTo(this.task);
	}

	@Test
	void readsRecordsWithOtherIsoFormsAndNumbersAsBefore() {
		String stored = "{\"uuid\":\"" + UUID_1
				+ "\",\"taskName\":\"send\",\"status\":\"new\",\"priority\":0,\"retry\":0,"
				+ "\"attempt\":0,\"createdAt\":\"2026-12-01T19:40:13.5+01:00\",\"updatedAt\":\"2026-12-01T18:40:13.1Z\"}";
		Task read = this.json.getRecordMapper().readValue(stored, Task.class);
		assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-12-01T18:40:13.500Z"));
		assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-12-01T18:40:13.100Z"));
		assertThat(read).isEqualTo(this.json.getMapper().readValue(stored, Task.class));
		String numbers = "{\"uuid\":\"" + UUID_1
				+ "\",\"taskName\":\"send\",\"status\":\"new\",\"priority\":0,\"retry\":0,"
				+ "\"attempt\":0,\"createdAt\":1796150413.5,\"updatedAt\":null}";
		assertThat(this.json.getRecordMapper().readValue(numbers, Task.class).createdAt())
			.isEqualTo(Instant.parse("2026-12-01T18:40:13.500Z"))
			.isEqualTo(this.json.getMapper().readValue(numbers, Task.class).createdAt());
	}

	@Test
	void failsOnAnInstantThatCannotBeReadNamingTheText() {
		String stored = "{\"uuid\":\"" + UUID_1
				+ "\",\"taskName\":\"send\",\"status\":\"new\",\"priority\":0,\"retry\":0,"
				+ "\"attempt\":0,\"createdAt\":\"2026-02-30T00:00:00Z\"}";
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.json.getRecordMapper().readValue(stored, Task.class))
			.withMessageContaining("java.time.Instant")
			.withMessageContaining("2026-02-30T00:00:00Z")
			.withMessageContaining("createdAt");
	}

	@Test
	void keepsTheFormOfAnApplicationThatWritesInstantsAsNumbers() {
		TaskJsonMapper numbers = new TaskJsonMapper(
				JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build());
		assertThat(numbers.getRecordMapper()).isSameAs(numbers.getMapper());
		assertThat(numbers.getRecordMapper().writeValueAsString(this.task))
			.contains("\"createdAt\":1796150413.123456789");
	}

}

package io.qtasks.engine.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.UnreadableRecordException;
import io.qtasks.json.TaskJsonMapper;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisTaskCodec}.
 *
 * @author QTasks contributors
 */
class RedisTaskCodecTests {

	private final RedisTaskCodec codec = new RedisTaskCodec(new TaskJsonMapper(new JsonMapper()));

	private final Task task = Task.builder(UUID.randomUUID(), "a:b {c}")
		.priority(-2)
		.args(List.of("x\ny", Map.of("k", List.of())))
		.kwargs(Map.of("n", Long.MAX_VALUE))
		.createdAt(Instant.parse("2026-01-02T03:04:05.678Z"))
		.updatedAt(Instant.parse("2026-01-02T03:04:05.678Z"))
		.build();

	@Test
	void readsBackWhatItWrites() {
		assertThat(this.codec.read(this.task.uuid(), this.codec.write(this.task), "new", null, 0)).isEqualTo(this.task);
	}

	@Test
	void theStatusFieldWinsOverTheRecord() {
		Task running = this.task.toBuilder().status(TaskStatus.PROCESS).build();
		assertThat(this.codec.read(this.task.uuid(), this.codec.write(running), "new", null, 0).status())
			.isEqualTo(TaskStatus.NEW);
	}

	@Test
	void aStartRecordedByAClaimReadsAsTheWorkersStartedRecord() {
		Instant at = Instant.parse("2026-12-01T10:00:00.123Z");
		Task read = this.codec.read(this.task.uuid(), this.codec.write(this.task), "process", "1796119200123 2 node 1",
				null, 3);
		TaskTransitions worker = new TaskTransitions(Clock.fixed(at, ZoneOffset.UTC));
		assertThat(read).isEqualTo(worker.started(worker.claimed(this.task, 2, this.task.retry()), false, "node 1"));
		assertThat(read.status()).isEqualTo(TaskStatus.PROCESS);
		assertThat(read.attempt()).isEqualTo(1);
		assertThat(read.extra()).containsEntry("deliveries", 2).containsEntry("startedAt", at.toString());
		assertThat(read.extra().get("attempts")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.isEqualTo(Map.of("attempt", 1, "node", "node 1", "startedAt", at.toString()));
	}

	@Test
	void rejectsAStartFieldThatIsNoStart() {
		for (String start : List.of("garbage", "12 x node", "12 1", "12 1 ", "x 1 node")) {
			assertThatExceptionOfType(UnreadableRecordException.class)
				.isThrownBy(() -> this.codec.read(this.task.uuid(), this.codec.write(this.task), "process", start,
						"a:b {c}", 4))
				.withMessageContaining("The stored record of task " + this.task.uuid() + " cannot be read")
				.withMessageContaining("its start field '" + start + "' is not the start of an attempt");
		}
	}

	@Test
	void rejectsJsonThatIsNotARecord() {
		assertThatExceptionOfType(UnreadableRecordException.class)
			.isThrownBy(() -> this.codec.read(this.task.uuid(), "{broken", "new", null, 0))
			.withMessageContaining("The stored record of task " + this.task.uuid() + " cannot be read")
			.withMessageContaining("'{broken'");
	}

	@Test
	void rejectsTheRecordOfAnotherTask() {
		assertThatExceptionOfType(UnreadableRecordException.class)
			.isThrownBy(() -> this.codec.read(UUID.randomUUID(), this.codec.write(this.task), "new", null, 0))
			.withMessageContaining("it is not this task's record");
	}

	@Test
	void rejectsAnUnknownStatusField() {
		assertThatExceptionOfType(UnreadableRecordException.class)
			.isThrownBy(() -> this.codec.read(this.task.uuid(), this.codec.write(this.task), "sleeping", null, 0))
			.withMessageContaining("its status field 'sleeping' names no status");
	}

	@Test
	void storedClassNamesPickNoClassEvenWhenTheApplicationTypesItsJson() {
		JsonMapper typed = JsonMapper.builder()
			.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
					DefaultTyping.NON_FINAL)
			.build();
		RedisTaskCodec codec = new RedisTaskCodec(new TaskJsonMapper(typed));
		List<Object> named = List.of(Gadget.class.getName(), Map.of("name", "x"));
		Task task = this.task.toBuilder().args(List.of(named)).returning(named).build();
		String json = codec.write(task);
		assertThat(json).doesNotContain("java.util")
			.contains("\"args\":[[\"" + Gadget.class.getName() + "\",{\"name\":\"x\"}]]");
		Task read = codec.read(task.uuid(), json, "new", null, 0);
		assertThat(read.args()).containsExactly(named);
		assertThat(read.returning()).isEqualTo(named);
		assertThat(Gadget.created).hasValue(0);
	}

	@Test
	void quotesLongTextShortened() {
		assertThat(RedisTaskCodec.quote("x".repeat(600))).hasSize(503).endsWith("…'");
		assertThat(RedisTaskCodec.quote(null)).isEqualTo("null");
	}

	/**
	 * A class a stored record might name: counts its instances.
	 */
	public static class Gadget {

		static final AtomicInteger created = new AtomicInteger();

		public String name;

		public Gadget() {
			created.incrementAndGet();
		}

	}

}

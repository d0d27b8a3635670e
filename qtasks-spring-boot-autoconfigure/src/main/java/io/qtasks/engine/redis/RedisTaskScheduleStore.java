package io.qtasks.engine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.Task;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.engine.spi.TaskScheduleStore;

/**
 * Schedules in Redis, shared by every node of the application: one hash per schedule
 * ({@code schedule:<name>}: its definition when added at run time, creation and resume
 * times, pause, and the due time and task of its last firing) and the set of their names.
 * A firing is one script that compares the due time with the last one fired, records it
 * and stores and queues the firing's task in the same hashes as the engine's queue and
 * records, so that each due time fires once however many nodes fire it, and a node that
 * dies half-way leaves either both or neither.
 *
 * @author QTasks contributors
 */
public class RedisTaskScheduleStore implements TaskScheduleStore {

	private static final RedisScript<Long> DEFINE = load("schedule-define.lua", Long.class);

	private static final RedisScript<List> DECLARE = load("schedule-declare.lua", List.class);

	private static final RedisScript<List> LIST = load("schedule-list.lua", List.class);

	private static final RedisScript<Long> PAUSE = load("schedule-pause.lua", Long.class);

	private static final RedisScript<Long> REMOVE = load("schedule-remove.lua", Long.class);

	private static final RedisScript<String> FIRE = load("schedule-fire.lua", String.class);

	private static final List<Object> FIELDS = List.of("definition", "created", "paused", "resumed", "last_due",
			"last_uuid");

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	/**
	 * Creates a store.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec writes the records of firings
	 */
	public RedisTaskScheduleStore(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public boolean define(String name, String definition, Instant now) {
		Long defined = this.redis.execute(DEFINE, List.of(this.keys.schedule(name), this.keys.schedules()), name,
				definition, millis(now));
		return defined != null && defined == 1;
	}

	@Override
	public StoredSchedule declare(String name, Instant now) {
		List<?> fields = this.redis.execute(DECLARE, List.of(this.keys.schedule(name), this.keys.schedules()), name,
				millis(now));
		return schedule(name, fields, 0);
	}

	@Override
	public Optional<StoredSchedule> find(String name) {
		List<Object> fields = this.redis.opsForHash().multiGet(this.keys.schedule(name), FIELDS);
		if (fields.get(1) == null) {
			return Optional.empty();
		}
		return Optional.of(schedule(name, fields, 0));
	}

	@Override
	public List<StoredSchedule> list() {
		List<?> reply = this.redis.execute(LIST, List.of(this.keys.schedules()), this.keys.prefix());
		List<StoredSchedule> schedules = new ArrayList<>(reply.size() / 7);
		for (int i = 0; i + 6 < reply.size(); i += 7) {
			schedules.add(schedule(String.valueOf(reply.get(i)), reply, i + 1));
		}
		return schedules;
	}

	@Override
	public boolean remove(String name) {
		Long removed = this.redis.execute(REMOVE, List.of(this.keys.schedule(name), this.keys.schedules()), name);
		return removed != null && removed == 1;
	}

	@Override
	public boolean setPaused(String name, boolean paused, Instant now) {
		Long changed = this.redis.execute(PAUSE, List.of(this.keys.schedule(name)), paused ? "1" : "0", millis(now));
		return changed != null && changed == 1;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here the firing's task is stored and queued by the firing's own script:
	 * {@code enqueue} is not called.
	 */
	@Override
	public ScheduleFiring fire(String name, Instant dueAt, Task record, BooleanSupplier enqueue) {
		String outcome = this.redis.execute(FIRE,
				List.of(this.keys.schedule(name), this.keys.task(record.uuid()), this.keys.names(), this.keys.waiting(),
						this.keys.sequence(), this.keys.index(), this.keys.counts(), this.keys.idleReceivers()),
				millis(dueAt), record.uuid().toString(), this.codec.write(record), record.taskName(),
				String.valueOf(record.priority()), RedisTaskRecordStore.createdAtMillis(record), this.keys.prefix(),
				this.keys.wakeChannel(), QueueEntry.queueOf(record),
				Objects.requireNonNullElse(QueueEntry.limitKeyOf(record), ""));
		return switch (String.valueOf(outcome)) {
			case "fired" -> ScheduleFiring.FIRED;
			case "paused" -> ScheduleFiring.PAUSED;
			case "not_found" -> ScheduleFiring.NOT_FOUND;
			default -> ScheduleFiring.ALREADY_FIRED;
		};
	}

	private static StoredSchedule schedule(String name, List<?> fields, int from) {
		String definition = text(fields.get(from));
		Instant created = instant(text(fields.get(from + 1)));
		return new StoredSchedule(name, definition, (created != null) ? created : Instant.EPOCH,
				"1".equals(fields.get(from + 2)), instant(text(fields.get(from + 3))),
				instant(text(fields.get(from + 4))), uuid(text(fields.get(from + 5))));
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value == null || "".equals(value)) ? null : String.valueOf(value);
	}

	private static @Nullable Instant instant(@Nullable String millis) {
		if (millis == null) {
			return null;
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong(millis));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable UUID uuid(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	private static <T> RedisScript<T> load(String name, Class<T> resultType) {
		return RedisScripts.load(RedisTaskScheduleStore.class, name, resultType);
	}

}

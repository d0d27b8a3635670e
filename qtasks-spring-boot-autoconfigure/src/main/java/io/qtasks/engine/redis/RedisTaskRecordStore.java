package io.qtasks.engine.redis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.engine.LogSafe;
import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * Task records in Redis, shared by every node of the application: one hash per task,
 * counts by status kept by the scripts that change statuses (so reading them is one hash
 * read), an index by creation time for listings, and the finished records' expiry.
 * Finishing a record publishes its uuid, which wakes the waiters on every node.
 *
 * @author QTasks contributors
 */
public class RedisTaskRecordStore implements TaskRecordStore {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskRecordStore.class);

	private static final RedisScript<String> INSERT = RedisScripts.load(RedisTaskRecordStore.class, "insert.lua",
			String.class);

	private static final RedisScript<List> WRITE = RedisScripts.load(RedisTaskRecordStore.class, "write.lua",
			List.class);

	private static final RedisScript<String> REQUEST_CANCEL = RedisScripts.load(RedisTaskRecordStore.class,
			"request-cancel.lua", String.class);

	private static final RedisScript<List> PAGE = RedisScripts.load(RedisTaskRecordStore.class, "page.lua", List.class);

	private static final List<Object> FIELDS = List.of("record", "status", "rev", "holder", "cancel", "name", "start");

	/**
	 * How many of the newest records a listing looks at, at most.
	 */
	static final int MAX_LISTED_RANKS = 10_000;

	/**
	 * How many records one script call of a listing looks at.
	 */
	private static final int LIST_SLICE = 1_000;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final RedisEngineSettings settings;

	/**
	 * Creates a store.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec reads and writes records
	 * @param settings how long finished records are kept
	 */
	public RedisTaskRecordStore(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec,
			RedisEngineSettings settings) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.settings = settings;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public boolean insert(Task record) {
		return insert(record, null).kind() == UniqueOutcome.Kind.STORED;
	}

	@Override
	public UniqueOutcome insertUnique(Task record, UniqueKey key) {
		return insert(record, key);
	}

	private UniqueOutcome insert(Task record, @Nullable UniqueKey key) {
		String outcome = this.redis.execute(INSERT,
				List.of(this.keys.task(record.uuid()), this.keys.counts(), this.keys.index()), record.uuid().toString(),
				this.codec.write(record), record.taskName(), createdAtMillis(record), this.keys.prefix(),
				(key != null) ? key.key() : "", (key != null) ? String.valueOf(key.keepFor().toMillis()) : "0");
		return uniqueOutcome(outcome);
	}

	/**
	 * The outcome of an insert script: {@code stored}, {@code duplicate}, or the uuid of
	 * the task that holds the unique key.
	 * @param reply the script's reply
	 * @return the outcome
	 */
	static UniqueOutcome uniqueOutcome(@Nullable String reply) {
		if ("stored".equals(reply)) {
			return UniqueOutcome.STORED;
		}
		if (reply == null || "duplicate".equals(reply)) {
			return UniqueOutcome.DUPLICATE;
		}
		return UniqueOutcome.keyTaken(UUID.fromString(reply));
	}

	@Override
	public Optional<StoredTask> find(UUID uuid) {
		List<Object> fields = this.redis.opsForHash().multiGet(this.keys.task(uuid), FIELDS);
		String record = (String) fields.get(0);
		if (record == null) {
			return Optional.empty();
		}
		long revision = revision((String) fields.get(2));
		Task task = this.codec.read(uuid, record, (String) fields.get(1), (String) fields.get(6),
				(String) fields.get(5), revision);
		return Optional.of(new StoredTask(task, revision, (String) fields.get(3), (String) fields.get(4)));
	}

	@Override
	public WriteResult write(Task record, Fence fence) {
		List<?> reply = this.redis.execute(WRITE, List.of(this.keys.task(record.uuid()), this.keys.counts()),
				this.keys.prefix(), record.uuid().toString(), this.codec.write(record), record.status().value(),
				token(fence), String.valueOf(fence.revision()), fence.refuseOnCancelRequest() ? "1" : "0",
				String.valueOf(this.settings.ttl(record.status()).toMillis()), this.keys.finishedChannel());
		return result(reply);
	}

	@Override
	public CancelOutcome requestCancel(UUID uuid, String reason) {
		String outcome = this.redis.execute(REQUEST_CANCEL, List.of(this.keys.task(uuid)), uuid.toString(), reason,
				this.keys.cancelChannel());
		return switch (String.valueOf(outcome)) {
			case "cancel_requested" -> CancelOutcome.CANCEL_REQUESTED;
			case "already_finished" -> CancelOutcome.ALREADY_FINISHED;
			default -> CancelOutcome.NOT_FOUND;
		};
	}

	/**
	 * Lists the newest records that pass the query's filters, looking at no more than
	 * {@value #MAX_LISTED_RANKS} of the newest records whatever the filters (older
	 * matches are not listed), in slices of {@value #LIST_SLICE}, so that a filter that
	 * matches little never makes one request walk a large store.
	 */
	@Override
	public List<Task> list(TaskQuery query) {
		List<Task> found = new ArrayList<>();
		String status = (query.status() != null) ? query.status().value() : "";
		String taskName = (query.taskName() != null) ? query.taskName() : "";
		long first = 0;
		while (found.size() < query.limit() && first >= 0 && first < MAX_LISTED_RANKS) {
			List<?> page = this.redis.execute(PAGE, List.of(this.keys.index()), this.keys.prefix(),
					String.valueOf(first), String.valueOf(Math.min(LIST_SLICE, MAX_LISTED_RANKS - first)), status,
					taskName, String.valueOf(query.limit() - found.size()));
			first = Long.parseLong(String.valueOf(page.get(0)));
			for (int i = 1; i + 3 < page.size(); i += 4) {
				Task task = readListed((String) page.get(i), (String) page.get(i + 1), (String) page.get(i + 2),
						(String) page.get(i + 3));
				if (task != null && query.matches(task)) {
					found.add(task);
				}
			}
		}
		return found;
	}

	@Override
	public Map<TaskStatus, Long> countByStatus() {
		Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
		for (TaskStatus status : TaskStatus.values()) {
			counts.put(status, 0L);
		}
		this.redis.<String, String>opsForHash().entries(this.keys.counts()).forEach((status, count) -> {
			try {
				counts.put(TaskStatus.fromValue(status), Math.max(0, Long.parseLong(count)));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Ignoring the unknown count field '{}' in {}", status, this.keys.counts());
			}
		});
		return counts;
	}

	/**
	 * The result of a write script: {@code {1, ''}} written, {@code {0, ''}} fenced,
	 * {@code {2, reason}} refused for a pending cancel request.
	 * @param reply the script's reply
	 * @return the result
	 */
	static WriteResult result(List<?> reply) {
		long code = ((Number) reply.get(0)).longValue();
		if (code == 1) {
			return WriteResult.WRITTEN;
		}
		return (code == 2) ? WriteResult.cancelRequested(String.valueOf(reply.get(1))) : WriteResult.FENCED;
	}

	static String token(Fence fence) {
		return (fence.token() != null) ? fence.token() : "";
	}

	/**
	 * A stored revision; anything that is no number counts as 0, as the scripts count it.
	 * @param value the stored field
	 * @return the revision
	 */
	static long revision(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return 0;
		}
		try {
			return (long) Math.floor(Double.parseDouble(value));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	static String createdAtMillis(Task record) {
		return String.valueOf((record.createdAt() != null) ? record.createdAt().toEpochMilli() : 0);
	}

	private @Nullable Task readListed(String uuid, String record, String status, String start) {
		if (record.isEmpty()) {
			return null;
		}
		try {
			return this.codec.read(UUID.fromString(uuid), record, status, start, null, 0);
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an unreadable record while listing tasks: {}", LogSafe.text(ex.getMessage()));
			return null;
		}
	}

}

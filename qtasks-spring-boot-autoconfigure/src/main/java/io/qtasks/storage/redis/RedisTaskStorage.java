package io.qtasks.storage.redis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.storage.TaskQuery;
import io.qtasks.storage.TaskStorage;
import io.qtasks.storage.TaskWaiters;

/**
 * Task records in Redis, shared by every node of the application. Counts are kept by the
 * scripts that change statuses, so reading them costs one hash read; waiting for a result
 * listens for the completion that the finishing node publishes.
 *
 * @author QTasks contributors
 */
public class RedisTaskStorage implements TaskStorage {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskStorage.class);

	private static final int MIN_PAGE_SIZE = 100;

	private static final RedisScript<List> PAGE = RedisScripts.load(RedisTaskStorage.class, "page.lua", List.class);

	private static final List<Object> RECORD_FIELDS = List.of("record", "status");

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final TaskWaiters waiters = new TaskWaiters();

	/**
	 * Creates a storage.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param codec reads and writes records
	 * @param subscriptions where completions are announced
	 */
	public RedisTaskStorage(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec,
			RedisSubscriptions subscriptions) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		subscriptions.subscribe(keys.finishedChannel(), this::finished, this::catchUp);
	}

	@Override
	public Optional<Task> find(UUID uuid) {
		List<Object> fields = this.redis.opsForHash().multiGet(this.keys.task(uuid), RECORD_FIELDS);
		String record = (String) fields.get(0);
		if (record == null) {
			return Optional.empty();
		}
		return Optional.of(this.codec.read(uuid, record, (String) fields.get(1)));
	}

	@Override
	public List<Task> list(TaskQuery query) {
		List<Task> found = new ArrayList<>();
		int pageSize = Math.max(query.limit(), MIN_PAGE_SIZE);
		long first = 0;
		while (found.size() < query.limit()) {
			List<?> page = this.redis.execute(PAGE, List.of(this.keys.index()), this.keys.prefix(),
					String.valueOf(first), String.valueOf(first + pageSize - 1));
			for (int i = 0; i + 2 < page.size() && found.size() < query.limit(); i += 3) {
				Task task = readListed((String) page.get(i), (String) page.get(i + 1), (String) page.get(i + 2));
				if (task != null && query.matches(task)) {
					found.add(task);
				}
			}
			if (page.size() < pageSize * 3) {
				break;
			}
			first += pageSize;
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

	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		return this.waiters.register(uuid);
	}

	private Task readListed(String uuid, String record, String status) {
		if (record.isEmpty()) {
			return null;
		}
		try {
			return this.codec.read(UUID.fromString(uuid), record, status);
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an unreadable record while listing tasks: {}", ex.getMessage());
			return null;
		}
	}

	/**
	 * Completions published while this node was not subscribed are lost: looks up every
	 * task waited for.
	 */
	private void catchUp() {
		this.waiters.waitedFor()
			.forEach((uuid) -> find(uuid).filter(Task::isFinished).ifPresent(this.waiters::finished));
	}

	private void finished(String message) {
		UUID uuid = UUID.fromString(message);
		if (this.waiters.isWaitedFor(uuid)) {
			find(uuid).filter(Task::isFinished).ifPresent(this.waiters::finished);
		}
	}

}

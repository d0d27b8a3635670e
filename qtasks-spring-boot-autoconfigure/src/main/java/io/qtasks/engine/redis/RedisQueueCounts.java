package io.qtasks.engine.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.FlowStats;
import io.qtasks.engine.spi.TaskLimits;

/**
 * What the Redis queue reports of itself: depths, due tasks by priority and by name, the
 * flow of limited tasks and the dead letters, each read by one script or command.
 *
 * @author QTasks contributors
 */
final class RedisQueueCounts {

	private static final RedisScript<List> COUNTS = load("queue-counts.lua");

	private static final RedisScript<List> PENDING_BY_PRIORITY = load("pending-by-priority.lua");

	private static final RedisScript<List> QUEUED_NAMES = load("queued-names.lua");

	private static final RedisScript<List> FLOW_STATS = load("flow-stats.lua");

	private static final int MAX_REPORTED_PRIORITIES = 100;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	RedisQueueCounts(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
	}

	long pendingCount() {
		return count(0);
	}

	long waitingCount() {
		return count(1);
	}

	/**
	 * The due tasks by priority, at most the 100 lowest priorities that have any.
	 */
	SortedMap<Integer, Long> pendingCountByPriority() {
		List<?> pairs = this.redis.execute(PENDING_BY_PRIORITY, List.of(this.keys.names()), this.keys.prefix(),
				String.valueOf(MAX_REPORTED_PRIORITIES));
		SortedMap<Integer, Long> counts = new TreeMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			counts.put((int) Double.parseDouble(String.valueOf(pairs.get(i))),
					Long.parseLong(String.valueOf(pairs.get(i + 1))));
		}
		return counts;
	}

	Map<String, Long> pendingCountByTaskName() {
		List<?> pairs = this.redis.execute(QUEUED_NAMES, List.of(this.keys.names()), this.keys.prefix());
		Map<String, Long> counts = new TreeMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			counts.put(String.valueOf(pairs.get(i)), ((Number) pairs.get(i + 1)).longValue());
		}
		return counts;
	}

	FlowStats flowStats(Map<String, TaskLimits> limits) {
		List<String> args = new ArrayList<>();
		args.add(this.keys.prefix());
		RedisClaimArguments.addLimits(args, limits);
		List<?> reply = this.redis.execute(FLOW_STATS, List.of(this.keys.running(), this.keys.runningByQueue()),
				args.toArray());
		return RedisFlowStatsReply.read(reply, this.codec);
	}

	/**
	 * The latest dead letters (the Redis queue keeps the latest 1,000).
	 */
	List<DeadLetter> deadLetters(int max) {
		if (max < 1 || !"list".equals(String.valueOf(this.redis.type(this.keys.deadLetters()).code()))) {
			return List.of();
		}
		List<String> stored = this.redis.opsForList().range(this.keys.deadLetters(), 0, max - 1);
		return (stored != null)
				? stored.stream().map((text) -> RedisFlowStatsReply.deadLetter(text, this.codec)).toList() : List.of();
	}

	private long count(int index) {
		List<?> counts = this.redis.execute(COUNTS, List.of(this.keys.names(), this.keys.waiting()),
				this.keys.prefix());
		return ((Number) counts.get(index)).longValue();
	}

	private static RedisScript<List> load(String name) {
		return RedisScripts.load(RedisQueueCounts.class, name, List.class);
	}

}

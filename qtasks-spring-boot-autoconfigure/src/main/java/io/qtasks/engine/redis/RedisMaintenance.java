package io.qtasks.engine.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The housekeeping of the Redis engine, safe to run on any number of nodes at once: tasks
 * whose lease ran out go back to the queue (their node is gone or stuck), and finished
 * records past their TTL leave the listing and the counts (Redis itself expires the
 * records). Each run does a bounded amount of work, so that it never holds Redis, or the
 * thread it runs on, for long.
 *
 * @author QTasks contributors
 */
public class RedisMaintenance {

	private static final Logger logger = LoggerFactory.getLogger(RedisMaintenance.class);

	private static final RedisScript<List> REAP = RedisScripts.load(RedisMaintenance.class, "reap.lua", List.class);

	private static final RedisScript<Long> EXPIRE = RedisScripts.load(RedisMaintenance.class, "expire.lua", Long.class);

	/**
	 * The most entries one script call looks at.
	 */
	private static final int BATCH = 100;

	/**
	 * The most batches one run does of each kind.
	 */
	private static final int MAX_BATCHES = 10;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final boolean withRecords;

	/**
	 * Creates the housekeeping.
	 * @param redis the Redis access
	 * @param keys the application's key names
	 * @param withRecords whether the records live in the same hashes as the queue
	 */
	public RedisMaintenance(StringRedisTemplate redis, RedisKeys keys, boolean withRecords) {
		this.redis = redis;
		this.keys = keys;
		this.withRecords = withRecords;
	}

	/**
	 * One run: expired leases, then expired records.
	 */
	public void run() {
		requeueExpiredLeases();
		if (this.withRecords) {
			expireFinishedRecords();
		}
	}

	/**
	 * Returns tasks whose lease ran out to the queue, at their old place.
	 * @return the uuids of the tasks put back
	 */
	public List<UUID> requeueExpiredLeases() {
		List<UUID> requeued = new ArrayList<>();
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			List<?> uuids = this.redis.execute(REAP,
					List.of(this.keys.inflight(), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
							this.keys.idleReceivers()),
					this.keys.prefix(), String.valueOf(BATCH), this.keys.wakeChannel(), this.withRecords ? "1" : "0");
			uuids.forEach((uuid) -> requeued.add(UUID.fromString(String.valueOf(uuid))));
			if (uuids.size() < BATCH) {
				break;
			}
		}
		if (!requeued.isEmpty()) {
			logger.warn("The lease of {} task(s) ran out without a heartbeat from their node; they are queued again:"
					+ " {}", requeued.size(), requeued);
		}
		return requeued;
	}

	/**
	 * Forgets finished records past their TTL.
	 * @return how many records were forgotten
	 */
	public long expireFinishedRecords() {
		long expired = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			Long count = this.redis.execute(EXPIRE, List.of(this.keys.counts(), this.keys.index()), this.keys.prefix(),
					String.valueOf(BATCH));
			expired += (count != null) ? count : 0;
			if (count == null || count < BATCH) {
				break;
			}
		}
		return expired;
	}

}

package io.qtasks.engine.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.engine.BatchedSweeps;

/**
 * The housekeeping of the Redis engine, safe to run on any number of nodes at once: tasks
 * whose lease ran out go back to the queue (their node is gone or stuck), and finished
 * records past their TTL leave the listing and the counts (Redis itself expires the
 * records), a slow sweep puts back unfinished tasks that are in no queue, and counts that
 * another program overwrote are counted again. Each run does a bounded amount of work, so
 * that it never holds Redis, or the thread it runs on, for long.
 *
 * @author QTasks contributors
 */
public class RedisMaintenance {

	private static final Logger logger = LoggerFactory.getLogger(RedisMaintenance.class);

	private static final RedisScript<List> REAP = RedisScripts.load(RedisMaintenance.class, "reap.lua", List.class);

	private static final RedisScript<Long> EXPIRE = RedisScripts.load(RedisMaintenance.class, "expire.lua", Long.class);

	private static final RedisScript<List> SWEEP = RedisScripts.load(RedisMaintenance.class, "sweep.lua", List.class);

	private static final RedisScript<Long> RECOUNT = RedisScripts.load(RedisMaintenance.class, "recount.lua",
			Long.class);

	/**
	 * How many records one run of the sweep looks at.
	 */
	private static final int SWEEP_SLICE = 200;

	/**
	 * The most entries one script call looks at.
	 */
	private static final int BATCH = 100;

	/**
	 * The most batches one run does of each kind.
	 */
	private static final int MAX_BATCHES = 10;

	private static final BatchedSweeps SWEEPS = new BatchedSweeps(BATCH, MAX_BATCHES);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final boolean withRecords;

	/**
	 * Where the sweep goes on, as a rank in the index; each node sweeps on its own.
	 */
	private final AtomicLong sweepFrom = new AtomicLong();

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
	 * One run: expired leases, expired records, a slice of the sweep for tasks in no
	 * queue, and a recount when another program overwrote the counts.
	 */
	public void run() {
		requeueExpiredLeases();
		if (this.withRecords) {
			expireFinishedRecords();
			sweep();
			recountIfStale();
		}
	}

	/**
	 * Returns tasks whose lease ran out to the queue, at their old place.
	 * @return the uuids of the tasks put back
	 */
	public List<UUID> requeueExpiredLeases() {
		return SWEEPS.requeueExpiredLeases(() -> {
			List<?> uuids = this.redis.execute(REAP,
					List.of(this.keys.inflight(), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
							this.keys.idleReceivers()),
					this.keys.prefix(), String.valueOf(BATCH), this.keys.wakeChannel(), this.withRecords ? "1" : "0");
			return uuids.stream().map((uuid) -> UUID.fromString(String.valueOf(uuid))).toList();
		});
	}

	/**
	 * Forgets finished records past their TTL.
	 * @return how many records were forgotten
	 */
	public long expireFinishedRecords() {
		return SWEEPS.count(() -> {
			Long count = this.redis.execute(EXPIRE, List.of(this.keys.counts(), this.keys.index()), this.keys.prefix(),
					String.valueOf(BATCH));
			return (count != null) ? count : 0;
		});
	}

	/**
	 * Looks at the next slice of the records for unfinished tasks that are in no queue
	 * (not due, waiting or claimed) and puts them back. Only a failure outside QTasks
	 * leaves such a task (keys deleted by hand, a Redis restored from an older snapshot);
	 * without the sweep it would never run. Going round all the records takes a while on
	 * a large store, which is fine for what it repairs.
	 * @return the uuids of the tasks put back
	 */
	public List<UUID> sweep() {
		long from = this.sweepFrom.get();
		List<?> reply = this.redis.execute(SWEEP,
				List.of(this.keys.index(), this.keys.names(), this.keys.waiting(), this.keys.sequence(),
						this.keys.inflight(), this.keys.idleReceivers()),
				this.keys.prefix(), String.valueOf(from), String.valueOf(SWEEP_SLICE), this.keys.wakeChannel());
		long next = Long.parseLong(String.valueOf(reply.get(0)));
		this.sweepFrom.compareAndSet(from, Math.max(0, next));
		List<UUID> putBack = new ArrayList<>(reply.size() - 1);
		for (Object uuid : reply.subList(1, reply.size())) {
			putBack.add(UUID.fromString(String.valueOf(uuid)));
		}
		if (!putBack.isEmpty()) {
			logger.warn("Found {} unfinished task(s) in no queue (their keys were changed outside QTasks); they are"
					+ " queued again: {}", putBack.size(), putBack);
		}
		return putBack;
	}

	/**
	 * Counts the records by status again when a script found the counts overwritten by
	 * another program. One pass over all the records.
	 * @return whether the counts were stale
	 */
	public boolean recountIfStale() {
		if (!Boolean.TRUE.equals(this.redis.hasKey(this.keys.staleCounts()))) {
			return false;
		}
		Long counted = this.redis.execute(RECOUNT, List.of(this.keys.counts(), this.keys.index()), this.keys.prefix());
		logger.warn("The task counts in {} had been overwritten outside QTasks; they were counted again from {}"
				+ " record(s)", this.keys.counts(), counted);
		return true;
	}

}

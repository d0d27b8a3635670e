package io.qtasks.engine.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.StoredTask;

/**
 * Reads the reply of {@code claim.lua}: the milliseconds until the next waiting task is
 * due, then one group of fields per entry taken from the queue (see the script).
 *
 * @author QTasks contributors
 */
final class RedisClaimReply {

	private static final Logger logger = LoggerFactory.getLogger(RedisTaskQueue.class);

	private static final int CLAIM_FIELDS = 10;

	private RedisClaimReply() {
	}

	/**
	 * Whether the claim took nothing from the queue.
	 */
	static boolean isEmpty(List<?> reply) {
		return reply.size() == 1;
	}

	/**
	 * How long until the next waiting task is due, in milliseconds; -1 when none waits.
	 */
	static long untilNextDue(List<?> reply) {
		return Long.parseLong(String.valueOf(reply.get(0)));
	}

	/**
	 * The claims, after logging the entries that named no task (the script moved them to
	 * the dead letters).
	 */
	static List<QueueClaim> claims(List<?> reply, RedisTaskCodec codec, RedisKeys keys) {
		List<QueueClaim> claims = new ArrayList<>((reply.size() - 1) / CLAIM_FIELDS);
		for (int i = 1; i + CLAIM_FIELDS - 1 < reply.size(); i += CLAIM_FIELDS) {
			String kind = (String) reply.get(i);
			String uuidOrEntry = (String) reply.get(i + 1);
			if (!"task".equals(kind)) {
				logger.error("Removed the entry {} from the queue: {} (dead letters: {})",
						RedisTaskCodec.quote(uuidOrEntry), reply.get(i + 2), keys.deadLetters());
				continue;
			}
			UUID uuid = UUID.fromString(uuidOrEntry);
			String token = (String) reply.get(i + 2);
			int deliveries = Integer.parseInt((String) reply.get(i + 3));
			claims.add(claim(uuid, token, deliveries, reply, i + 4, codec));
		}
		return claims;
	}

	/**
	 * A claim with the record it read along and, when the claim recorded the start of the
	 * task's attempt, that start; without the record when it cannot be read (the record
	 * store is then asked, and says why).
	 */
	private static QueueClaim claim(UUID uuid, String token, int deliveries, List<?> reply, int from,
			RedisTaskCodec codec) {
		StoredTask stored = prefetched(uuid, token, reply, from, codec);
		String start = (String) reply.get(from + 4);
		if (stored == null || !"1".equals(reply.get(from + 5))) {
			return new QueueClaim(uuid, token, deliveries, stored);
		}
		try {
			return new QueueClaim(uuid, token, deliveries, stored,
					codec.started(stored.record(), start, null, stored.revision()));
		}
		catch (RuntimeException ex) {
			return new QueueClaim(uuid, token, deliveries, null);
		}
	}

	/**
	 * The record a claim read along, or {@code null} when there is none or it cannot be
	 * read (the record store is then asked, and says why). When the claim recorded a
	 * start it is the record before that start; a start left by an earlier claim is read
	 * into it.
	 */
	private static @Nullable StoredTask prefetched(UUID uuid, String token, List<?> reply, int from,
			RedisTaskCodec codec) {
		String record = (String) reply.get(from);
		if (record.isEmpty()) {
			return null;
		}
		long revision = RedisTaskRecordStore.revision((String) reply.get(from + 2));
		String cancel = (String) reply.get(from + 3);
		try {
			String start = "1".equals(reply.get(from + 5)) ? null : (String) reply.get(from + 4);
			return new StoredTask(codec.read(uuid, record, (String) reply.get(from + 1), start, null, revision),
					revision, token, cancel.isEmpty() ? null : cancel);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}

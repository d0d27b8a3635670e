package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qtasks.engine.ClaimTokens;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

/**
 * Writes the arguments of a claim script: what to claim, a base for the tokens, the
 * limits of task names, four values each, and the queues with their shares, two values
 * each, each list preceded by its length, then the worker node whose start the claim
 * records (see {@code claim.lua}).
 *
 * @author QTasks contributors
 */
final class RedisClaimArguments {

	private RedisClaimArguments() {
	}

	/**
	 * The arguments of {@code claim.lua}, with a fresh token base from which the script
	 * makes the token of each task it claims.
	 * @param keys the application's key names
	 * @param lease how long a claim lasts
	 * @param receiverId the receiver's id in the idle list
	 * @param withRecords whether the records live in the same hashes
	 * @param request what to claim
	 * @param idleWait how long the receiver waits when it finds nothing
	 * @return the arguments
	 */
	static List<String> of(RedisKeys keys, Duration lease, String receiverId, boolean withRecords, ClaimRequest request,
			Duration idleWait) {
		Set<String> names = request.taskNames();
		List<String> args = new ArrayList<>(13 + ((names != null) ? names.size() : 0));
		args.add(keys.prefix());
		args.add(String.valueOf(request.max()));
		args.add(String.valueOf(lease.toMillis()));
		args.add(receiverId);
		args.add(String.valueOf(idleWait.toMillis()));
		args.add(withRecords ? "1" : "0");
		args.add(String.valueOf((names != null) ? names.size() : -1));
		if (names != null) {
			args.addAll(names);
		}
		args.add(ClaimTokens.base());
		addLimits(args, request.limits());
		addQueues(args, request);
		args.add(withRecords && request.startNode() != null ? request.startNode() : "");
		return args;
	}

	static void addLimits(List<String> args, Map<String, TaskLimits> limits) {
		List<Map.Entry<String, TaskLimits>> limited = limits.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isLimited())
			.toList();
		args.add(String.valueOf(limited.size()));
		for (Map.Entry<String, TaskLimits> entry : limited) {
			RateLimit rate = entry.getValue().rateLimit();
			args.add(entry.getKey());
			args.add(String.valueOf(entry.getValue().maxConcurrency()));
			args.add(String.valueOf((rate != null) ? rate.permits() : 0));
			args.add(String.valueOf((rate != null) ? rate.window().toMillis() : 0));
		}
	}

	static void addQueues(List<String> args, ClaimRequest request) {
		Set<String> queues = request.queues();
		args.add(String.valueOf((queues != null) ? queues.size() : -1));
		if (queues != null) {
			args.addAll(queues);
		}
		args.add(String.valueOf(request.queueMax().size()));
		request.queueMax().forEach((queue, share) -> {
			args.add(queue);
			args.add(String.valueOf(share));
		});
	}

}

package io.qtasks.engine.redis;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

/**
 * Writes the flow limits of a claim as script arguments: the limits of task names, four
 * values each, and the queues with their shares, two values each, each list preceded by
 * its length (see {@code claim.lua}).
 *
 * @author QTasks contributors
 */
final class RedisClaimArguments {

	private RedisClaimArguments() {
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

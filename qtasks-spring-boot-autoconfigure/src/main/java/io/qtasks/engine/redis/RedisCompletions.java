package io.qtasks.engine.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.Task;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.WriteResult;

/**
 * Completions and the claim of the next tasks in one script call
 * ({@code complete-claim.lua}): one round trip where a worker otherwise makes one per
 * completion and one for the claim.
 *
 * @author QTasks contributors
 */
final class RedisCompletions {

	private static final RedisScript<List> COMPLETE_CLAIM = RedisScripts.load(RedisCompletions.class,
			"complete-claim.lua", "claim_tasks", "claim.lua", List.class);

	private static final int FIELDS_PER_COMPLETION = 6;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisTaskCodec codec;

	private final RedisEngineSettings settings;

	private final RedisTaskQueue queue;

	RedisCompletions(StringRedisTemplate redis, RedisKeys keys, RedisTaskCodec codec, RedisEngineSettings settings,
			RedisTaskQueue queue) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.settings = settings;
		this.queue = queue;
	}

	CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next) {
		List<String> claimArgs = this.queue.claimArguments(next, Duration.ZERO);
		List<String> args = new ArrayList<>(2 + completions.size() * FIELDS_PER_COMPLETION + claimArgs.size());
		args.add(String.valueOf(completions.size()));
		args.add(this.keys.finishedChannel());
		for (Completion completion : completions) {
			Task record = completion.record();
			args.add(completion.claim().uuid().toString());
			args.add(this.codec.write(record));
			args.add(record.status().value());
			args.add(RedisTaskRecordStore.token(completion.fence()));
			args.add(String.valueOf(completion.fence().revision()));
			args.add(String.valueOf(this.settings.ttl(record.status()).toMillis()));
		}
		args.addAll(claimArgs);
		List<String> keys = new ArrayList<>(7);
		keys.add(this.keys.counts());
		keys.addAll(this.queue.claimKeys());
		List<?> reply = this.redis.execute(COMPLETE_CLAIM, keys, args.toArray());
		int count = Integer.parseInt(String.valueOf(reply.get(0)));
		List<WriteResult> written = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			written.add("1".equals(String.valueOf(reply.get(i))) ? WriteResult.WRITTEN : WriteResult.FENCED);
		}
		return new CompletedAndClaimed(written, this.queue.claims(reply.subList(count + 1, reply.size())));
	}

}

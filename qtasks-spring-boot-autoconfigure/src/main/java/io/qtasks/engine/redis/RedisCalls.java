package io.qtasks.engine.redis;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.ClassUtils;

/**
 * Runs Redis scripts that an interrupt must not cut short. Lettuce abandons a blocking
 * command whose caller is interrupted although Redis still runs it, which would lose a
 * claim. Task threads shield their writes from interrupts themselves
 * ({@code TaskRun#shielded}); a receiver that waits for work, and that the worker
 * interrupts to stop it, calls through here and keeps its interrupt for afterwards: on
 * Lettuce on its own thread, waiting for the reply of an asynchronous command
 * ({@link LettuceScriptCalls}), with another client on a helper thread that it waits for.
 *
 * @author QTasks contributors
 */
final class RedisCalls implements AutoCloseable {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
			RedisCalls.class.getClassLoader());

	private final StringRedisTemplate redis;

	private final @Nullable LettuceScriptCalls lettuce;

	private final ExecutorService helper = Executors.newCachedThreadPool(daemonThreads());

	RedisCalls(StringRedisTemplate redis) {
		this.redis = redis;
		this.lettuce = LETTUCE_PRESENT ? LettuceScriptCalls.of(redis) : null;
	}

	/**
	 * Runs a script that returns a list and waits for it, whatever interrupts the caller.
	 * @param script the script
	 * @param keys its keys
	 * @param args its arguments
	 * @return its reply
	 */
	List<?> evalList(RedisScript<List> script, List<String> keys, List<String> args) {
		if (this.lettuce != null) {
			Object reply = this.lettuce.eval(script, keys, args);
			return (reply instanceof List<?> list) ? list : List.of();
		}
		return uninterruptibly(() -> this.redis.execute(script, keys, args.toArray()));
	}

	/**
	 * Runs a call on a helper thread and waits for it, whatever interrupts the caller.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	private <T> T uninterruptibly(Callable<T> call) {
		Future<T> result = this.helper.submit(call);
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.helper.shutdown();
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory factory = new CustomizableThreadFactory("qtasks-redis-call-");
		factory.setDaemon(true);
		return factory;
	}

}

package io.qtasks.engine.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Runs a script through Lettuce's asynchronous commands on the calling thread and waits
 * for its reply whatever interrupts the caller: Lettuce's blocking commands abandon a
 * command whose caller is interrupted while Redis still runs it. The reply is read as
 * {@code StringRedisTemplate} reads it (bulk strings as text, lists element by element),
 * failures are translated as Spring Data Redis translates them, and the wait is bounded
 * by the connection factory's command timeout. Loaded only when Lettuce is present.
 *
 * @author QTasks contributors
 */
final class LettuceScriptCalls {

	private static final LettuceExceptionConverter exceptions = new LettuceExceptionConverter();

	private final StringRedisTemplate redis;

	private final long timeoutMillis;

	private LettuceScriptCalls(StringRedisTemplate redis, long timeoutMillis) {
		this.redis = redis;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * The calls over a template's connections, when they are Lettuce's.
	 * @param redis the template
	 * @return the calls, or {@code null} for another client
	 */
	static @Nullable LettuceScriptCalls of(StringRedisTemplate redis) {
		RedisConnectionFactory factory = redis.getConnectionFactory();
		if (factory instanceof LettuceConnectionFactory lettuce) {
			return new LettuceScriptCalls(redis, lettuce.getTimeout());
		}
		return null;
	}

	/**
	 * Runs a script and waits for its reply, keeping an interrupt for afterwards.
	 * @param script the script
	 * @param keys its keys
	 * @param args its arguments
	 * @return its reply, read as text
	 */
	@Nullable Object eval(RedisScript<?> script, List<String> keys, List<String> args) {
		byte[][] keyBytes = bytes(keys);
		byte[][] argBytes = bytes(args);
		return this.redis.execute((RedisCallback<@Nullable Object>) (connection) -> {
			@SuppressWarnings("unchecked")
			RedisScriptingAsyncCommands<byte[], byte[]> commands = (RedisScriptingAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			try {
				return text(await(commands.evalsha(script.getSha1(), ScriptOutputType.MULTI, keyBytes, argBytes)));
			}
			catch (RedisNoScriptException ex) {
				return text(
						await(commands.eval(script.getScriptAsString(), ScriptOutputType.MULTI, keyBytes, argBytes)));
			}
		});
	}

	private <T> T await(RedisFuture<T> reply) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (TimeoutException ex) {
					reply.cancel(true);
					throw new QueryTimeoutException("Redis did not answer within " + this.timeoutMillis + " ms", ex);
				}
				catch (ExecutionException ex) {
					throw translated(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static RuntimeException translated(Throwable failure) {
		if (failure instanceof RedisNoScriptException noScript) {
			return noScript;
		}
		if (failure instanceof Exception exception) {
			DataAccessException translated = exceptions.convert(exception);
			if (translated != null) {
				return translated;
			}
			return (exception instanceof RuntimeException runtime) ? runtime : new IllegalStateException(exception);
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(failure);
	}

	private static @Nullable Object text(@Nullable Object reply) {
		if (reply instanceof byte[] bulk) {
			return new String(bulk, StandardCharsets.UTF_8);
		}
		if (reply instanceof List<?> list) {
			List<@Nullable Object> values = new ArrayList<>(list.size());
			list.forEach((value) -> values.add(text(value)));
			return values;
		}
		return reply;
	}

	private static byte[][] bytes(List<String> values) {
		byte[][] bytes = new byte[values.size()][];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
	}

}

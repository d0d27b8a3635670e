package io.qtasks.engine.redis;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The script calls of a receiver that waits for work: they run to their end and return
 * what the template would, whatever interrupts the caller, who keeps the interrupt.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisCallsTests {

	private final String name = RedisTestServer.uniqueName("calls");

	private final String key = new RedisKeys(this.name).prefix() + "calls-test";

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void anInterruptedCallerGetsTheReplyAndKeepsItsInterrupt() {
		withCalls((redis, calls) -> {
			// a script Redis has not seen: the call also falls back from EVALSHA to EVAL
			RedisScript<List> script = RedisScript.of(
					"redis.call('INCR', KEYS[1]) return { ARGV[1], 'ä', 7, { 'n' } } -- " + UUID.randomUUID(),
					List.class);
			Thread.currentThread().interrupt();
			List<?> reply;
			boolean interrupted;
			try {
				reply = calls.evalList(script, List.of(this.key), List.of("first"));
			}
			finally {
				interrupted = Thread.interrupted();
			}
			assertThat(interrupted).isTrue();
			assertThat(reply).isEqualTo(redis.execute(script, List.of(this.key), "first"));
			assertThat(reply).isEqualTo(List.of("first", "ä", 7L, List.of("n")));
			assertThat(redis.opsForValue().get(this.key)).isEqualTo("2");
		});
	}

	@Test
	void aScriptErrorIsADataAccessException() {
		withCalls((redis, calls) -> {
			RedisScript<List> script = RedisScript.of("return redis.error_reply('no such thing')", List.class);
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> calls.evalList(script, List.of(this.key), List.of()))
				.havingRootCause()
				.withMessageContaining("no such thing");
		});
	}

	private void withCalls(CallsTest test) {
		RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			try (RedisCalls calls = new RedisCalls(redis)) {
				test.run(redis, calls);
			}
		});
	}

	private interface CallsTest {

		void run(StringRedisTemplate redis, RedisCalls calls);

	}

}

package io.qtasks.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.qtasks.QTasks;
import io.qtasks.engine.redis.RedisEvictionPolicyException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up on a Redis that may evict keys: refused for {@code allkeys-*} unless allowed,
 * a warning for the other policies, silent for {@code noeviction}. Uses a Redis server of
 * its own, since the policy is server-wide.
 *
 * @author QTasks contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisEvictionPolicyTests {

	private static RedisServer redis;

	private static int port;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
				QTasksRedisAutoConfiguration.class, QTasksAutoConfiguration.class))
		.withPropertyValues("qtasks.broker.type=redis", "qtasks.name=eviction", "qtasks.worker.enabled=false",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port);

	@BeforeAll
	static void startRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
	}

	@AfterAll
	static void stopRedis() throws IOException {
		redis.stop();
	}

	@Test
	void anAllKeysPolicyFailsStartUpWithAnExplanation() {
		policy("allkeys-lru");
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			RedisEvictionPolicyException cause = findCause(failure);
			assertThat(cause.getPolicy()).isEqualTo("allkeys-lru");
			FailureAnalysis analysis = new RedisEvictionPolicyFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("maxmemory-policy allkeys-lru");
			assertThat(analysis.getAction()).contains("noeviction").contains("qtasks.redis.allow-eviction=true");
		});
	}

	@Test
	void anAllKeysPolicyStartsWithAWarningWhenEvictionIsAllowed(CapturedOutput output) {
		policy("allkeys-random");
		this.runner.withPropertyValues("qtasks.redis.allow-eviction=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(QTasks.class).addTask("anything").status()).isNotNull();
		});
		assertThat(output).contains("maxmemory-policy allkeys-random").contains("qtasks.redis.allow-eviction");
	}

	@Test
	void aVolatilePolicyStartsWithAWarning(CapturedOutput output) {
		policy("volatile-lru");
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("maxmemory-policy volatile-lru").contains("noeviction keeps them");
	}

	@Test
	void noEvictionStartsSilently(CapturedOutput output) {
		policy("noeviction");
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("maxmemory-policy");
	}

	private static RedisEvictionPolicyException findCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof RedisEvictionPolicyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of %s", failure).isInstanceOf(RedisEvictionPolicyException.class);
		return (RedisEvictionPolicyException) cause;
	}

	private static void policy(String policy) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().configSet("maxmemory-policy", policy);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}

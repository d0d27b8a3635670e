package io.qtasks.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario: a node starts on a Redis that may evict keys. The policy is server-wide, so
 * the test runs a {@code redis-server} of its own and starts each node as a process of
 * its own, as an operator would see it: an {@code allkeys-*} policy stops the node at
 * start-up with Boot's failure analysis naming the policy and both ways out, unless
 * {@code qtasks.redis.allow-eviction=true}, which starts it with a warning; a
 * {@code volatile-*} policy starts it with a warning; {@code noeviction} starts it
 * without one.
 *
 * @author QTasks contributors
 */
class EvictionPolicyTests {

	private static final Duration START = Duration.ofSeconds(60);

	private static final String WARNING = "Redis runs with maxmemory-policy";

	private static RedisServer redis;

	private static int port;

	private final String name = RedisTestServer.uniqueName("eviction");

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
	void anAllKeysPolicyStopsTheNodeAtStartUpWithTheWayOut() {
		policy("allkeys-lru");
		try (NodeProcess node = NodeProcess.start("eviction-refused", node())) {
			assertThat(node.awaitExit(START)).as("the node stops by itself; see %s", node.log()).isTrue();
			assertThat(node.exitValue()).isNotZero();
			assertThat(node.logged((line) -> line.contains("APPLICATION FAILED TO START"))).isTrue();
			assertThat(node.logged((line) -> line.contains("maxmemory-policy allkeys-lru"))).isTrue();
			assertThat(node.logged((line) -> line.contains("qtasks.redis.allow-eviction=true"))).isTrue();
			assertThat(node.logged((line) -> line.contains("QTasks worker") && line.contains("started"))).isFalse();
		}
	}

	@Test
	void anAllKeysPolicyAllowedByTheOperatorStartsTheNodeWithAWarning() {
		policy("allkeys-random");
		Map<String, String> properties = node();
		properties.put("qtasks.redis.allow-eviction", "true");
		try (NodeProcess node = NodeProcess.start("eviction-allowed", properties)) {
			node.awaitWorkerStarted(START);
			assertThat(node.logged((line) -> line.contains(WARNING + " allkeys-random"))).isTrue();
		}
	}

	@Test
	void aVolatilePolicyStartsTheNodeWithAWarning() {
		policy("volatile-lru");
		try (NodeProcess node = NodeProcess.start("eviction-volatile", node())) {
			node.awaitWorkerStarted(START);
			assertThat(node.logged((line) -> line.contains(WARNING + " volatile-lru"))).isTrue();
		}
	}

	@Test
	void noEvictionStartsTheNodeWithoutAWarning() {
		policy("noeviction");
		try (NodeProcess node = NodeProcess.start("eviction-none", node())) {
			node.awaitWorkerStarted(START);
			assertThat(node.logged((line) -> line.contains(WARNING))).isFalse();
		}
	}

	private Map<String, String> node() {
		Map<String, String> properties = NodeProcess.redisNode(this.name, "eviction");
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", String.valueOf(port));
		return properties;
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

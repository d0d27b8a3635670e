package io.qtasks.benchmarks.redis;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qtasks.benchmarks.result.CeilingFigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for reading the ceiling's command list and redis-benchmark's CSV.
 *
 * @author QTasks contributors
 */
class RedisCeilingTests {

	@Test
	void commandListKeepsScriptsApartAndCommandsInFileOrder() {
		RedisCeiling.CommandList list = RedisCeiling.CommandList.parse("""
				# comment
				script claim: return redis.call('ZPOPMIN', KEYS[1])

				ZADD pending: ZADD k __rand_int__ m
				EVALSHA claim: EVALSHA {sha:claim} 1 k
				""");

		assertThat(list.scripts()).containsExactly(Map.entry("claim", "return redis.call('ZPOPMIN', KEYS[1])"));
		assertThat(list.commands()).containsExactly(Map.entry("ZADD pending", "ZADD k __rand_int__ m"),
				Map.entry("EVALSHA claim", "EVALSHA {sha:claim} 1 k"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisCeiling.CommandList.parse("PING"))
			.withMessageContaining("NAME: COMMAND");
	}

	@Test
	void csvOutputGivesRateAndMedianLatency() {
		String csv = """
				"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
				"ZADD k __rand_int__ m","48192.77","0.546","0.184","0.519","0.647","1.479","3.063"
				""";

		CeilingFigure figure = RedisCeiling.parse("ZADD pending", "ZADD k __rand_int__ m", 16, csv);

		assertThat(figure.requestsPerSecond()).isEqualTo(48192.77);
		assertThat(figure.p50Millis()).isEqualTo(0.519);
		assertThat(figure.pipeline()).isEqualTo(16);
	}

	@Test
	void bundledCommandListParses() throws Exception {
		try (var in = RedisCeiling.class.getClassLoader().getResourceAsStream("redis/ceiling-commands.txt")) {
			RedisCeiling.CommandList list = RedisCeiling.CommandList.parse(new String(in.readAllBytes()));
			assertThat(list.scripts()).containsKey("claim");
			assertThat(list.commands()).extracting(Map.Entry::getValue)
				.allMatch((command) -> command.contains(RedisCeiling.KEY_PREFIX) || command.equals("PING"));
		}
	}

}

package io.qtasks.benchmarks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BenchmarkOptions}.
 *
 * @author QTasks contributors
 */
class BenchmarkOptionsTests {

	@Test
	void defaultsAreTheIssuesFigures() {
		BenchmarkOptions options = BenchmarkOptions.parse();
		assertThat(options.n()).isEqualTo(100_000);
		assertThat(options.concurrency()).containsExactly(1, 4, 16, 64);
		assertThat(options.pickupSamples()).isEqualTo(1000);
		assertThat(options.footprintTasks()).isEqualTo(1_000_000);
		assertThat(options.brokers()).containsExactly("memory", "redis");
		assertThat(BenchmarkOptions.SUITES).allMatch(options::runs);
		assertThat(options.commandLine()).isEqualTo("(defaults)");
	}

	@Test
	void quickLowersTheDefaultsAndLaterOptionsStillWin() {
		BenchmarkOptions options = BenchmarkOptions.parse("--n=5000", "--quick", "--skip=celery,ceiling",
				"--peer-timeout=20s");
		assertThat(options.n()).isEqualTo(5000);
		assertThat(options.rounds()).isEqualTo(2);
		assertThat(options.runs("celery")).isFalse();
		assertThat(options.runs("ceiling")).isFalse();
		assertThat(options.runs("jobrunr")).isTrue();
		assertThat(options.peerTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.chart().toString()).endsWith("benchmarks-throughput.svg");
		assertThat(options.commandLine()).isEqualTo("--quick --n=5000 --skip=celery,ceiling --peer-timeout=20s");
	}

	@Test
	void badOptionsAreRejectedWithTheOptionInTheMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--rouns=3"))
			.withMessageContaining("Unknown option --rouns")
			.withMessageContaining("--rounds");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--n=0"))
			.withMessageContaining("--n must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--brokers=kafka"))
			.withMessageContaining("kafka");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--n"))
			.withMessageContaining("needs a value");
		assertThat(BenchmarkOptions.parse("--concurrency=2,8").concurrency()).isEqualTo(List.of(2, 8));
	}

}

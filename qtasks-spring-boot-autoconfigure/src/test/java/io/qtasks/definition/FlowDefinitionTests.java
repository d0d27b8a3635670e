package io.qtasks.definition;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.annotation.QTask;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The flow attributes of {@code @QTask}: queue, cap and rate (their start-up errors are
 * in {@link TaskDiscoveryTests}).
 *
 * @author QTasks contributors
 */
class FlowDefinitionTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create();

	@Test
	void readsTheQueueTheCapAndTheRate() {
		this.runner.withUserConfiguration(LimitedTasks.class).run((context) -> {
			TaskDefinitionRegistry registry = context.getBean(TaskDefinitionRegistry.class);
			TaskDefinition limited = registry.find("limited").orElseThrow();
			assertThat(limited.queue()).isEqualTo("reports");
			assertThat(limited.limits()).isEqualTo(new TaskLimits(3, new RateLimit(100, Duration.ofMinutes(1))));
			TaskDefinition plain = registry.find("plain").orElseThrow();
			assertThat(plain.queue()).isEqualTo("default");
			assertThat(plain.limits()).isEqualTo(TaskLimits.NONE);
			assertThat(plain.limits().isLimited()).isFalse();
		});
	}

	@Test
	void readsRatesPerSecondMinuteAndHour() {
		assertThat(RateLimit.parse("5/1s")).isEqualTo(new RateLimit(5, Duration.ofSeconds(1)));
		assertThat(RateLimit.parse("5/s")).isEqualTo(new RateLimit(5, Duration.ofSeconds(1)));
		assertThat(RateLimit.parse(" 1000 / 2h ")).isEqualTo(new RateLimit(1000, Duration.ofHours(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("0/1s"));
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("5/0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("5 per second"));
	}

	@Configuration(proxyBeanMethods = false)
	static class LimitedTasks {

		@QTask(name = "limited", queue = "reports", maxConcurrency = 3, rateLimit = "100/1m")
		public void limited() {
		}

		@QTask(name = "plain")
		public void plain() {
		}

	}

}

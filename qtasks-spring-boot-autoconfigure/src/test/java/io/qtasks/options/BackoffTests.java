package io.qtasks.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.backoff.BackOffContext;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;
import io.qtasks.definition.TaskBackoff;
import io.qtasks.retry.TaskBackOffPolicy;

import static io.qtasks.options.OptionsTestSupport.pauses;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QTask(backoff = @Backoff(...))} and {@code qtasks.retry.backoff.*}: the pauses
 * between attempts, measured from the attempt times on the task's record (lower bounds
 * only), and the exact pauses the back-off policy asks for.
 *
 * @author QTasks contributors
 */
class BackoffTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("backoff-tests")
		.withUserConfiguration(BackoffTasks.class);

	@Test
	void fixedBackoffPausesBetweenAttempts() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "fixed_backoff");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(3);
			assertThat(pauses(done)).hasSize(2)
				.allSatisfy((pause) -> assertThat(pause).isGreaterThanOrEqualTo(ms(200)));
		});
	}

	@Test
	void exponentialBackoffGrowsByItsMultiplier() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "exponential_backoff");
			assertThat(done.attempt()).isEqualTo(3);
			List<Duration> pauses = pauses(done);
			assertThat(pauses.get(0)).isGreaterThanOrEqualTo(ms(100));
			assertThat(pauses.get(1)).isGreaterThanOrEqualTo(ms(300));
		});
	}

	@Test
	void globalBackoffAppliesToTasksThatSetNone() {
		this.runner.withPropertyValues("qtasks.retry.backoff.delay=150ms", "qtasks.retry.backoff.multiplier=2")
			.run((context) -> {
				Task done = run(context.getBean(QTasks.class), "default_backoff");
				assertThat(done.attempt()).isEqualTo(3);
				List<Duration> pauses = pauses(done);
				assertThat(pauses.get(0)).isGreaterThanOrEqualTo(ms(150));
				assertThat(pauses.get(1)).isGreaterThanOrEqualTo(ms(300));
			});
	}

	@Test
	void invalidBackoffFailsStartupNamingTheMethod() {
		OptionsTestSupport.runner("backoff-tests-invalid")
			.withUserConfiguration(InvalidBackoffTask.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("InvalidBackoffTask.shrinking()")
				.hasMessageContaining("backoff multiplier must be at least 1, was 0.5"));
	}

	@Test
	void exponentialPausesStopGrowingAtTheCap() {
		assertThat(pausesOf(new TaskBackoff(ms(100), 3, ms(500), Duration.ZERO), 5)).containsExactly(100L, 300L, 500L,
				500L, 500L);
	}

	@Test
	void fixedPausesStayTheSame() {
		assertThat(pausesOf(new TaskBackoff(ms(250), 1, Duration.ofSeconds(30), Duration.ZERO), 3))
			.containsExactly(250L, 250L, 250L);
	}

	@Test
	void capBelowTheDelayNeverShortensIt() {
		assertThat(pausesOf(new TaskBackoff(ms(400), 2, ms(100), Duration.ZERO), 2)).containsExactly(400L, 400L);
	}

	@Test
	void jitterSpreadsPausesWithinTheDelayAndTheCap() {
		List<Long> pauses = pausesOf(new TaskBackoff(ms(100), 2, ms(1000), ms(50)), 200);
		assertThat(pauses).allSatisfy((pause) -> assertThat(pause).isBetween(100L, 1000L));
		assertThat(new HashSet<>(pauses)).as("distinct pauses").hasSizeGreaterThan(1);
	}

	private static List<Long> pausesOf(TaskBackoff settings, int count) {
		List<Long> pauses = new ArrayList<>();
		TaskBackOffPolicy policy = new TaskBackOffPolicy(settings, pauses::add);
		BackOffContext backOff = policy.start(null);
		for (int i = 0; i < count; i++) {
			policy.backOff(backOff);
		}
		return pauses;
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	@Configuration(proxyBeanMethods = false)
	static class BackoffTasks {

		@QTask(name = "fixed_backoff", retry = 2, backoff = @Backoff(delay = "200ms"))
		public void fixedBackoff() {
			throw new IllegalStateException("fails");
		}

		@QTask(name = "exponential_backoff", retry = 2,
				backoff = @Backoff(delay = "100ms", multiplier = 3, maxDelay = "10s"))
		public void exponentialBackoff() {
			throw new IllegalStateException("fails");
		}

		@QTask(name = "default_backoff", retry = 2)
		public void defaultBackoff() {
			throw new IllegalStateException("fails");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidBackoffTask {

		@QTask(retry = 1, backoff = @Backoff(delay = "1s", multiplier = 0.5))
		public void shrinking() {
		}

	}

}

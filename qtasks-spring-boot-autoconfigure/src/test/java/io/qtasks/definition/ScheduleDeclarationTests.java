package io.qtasks.definition;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.Misfire;
import io.qtasks.annotation.QTask;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QTask(cron = …)} and {@code @QTask(fixedRate = …)}: what a schedule declaration
 * becomes, and the declarations that fail start-up with a message naming the method.
 *
 * @author QTasks contributors
 */
class ScheduleDeclarationTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withPropertyValues("qtasks.worker.enabled=false");

	@Test
	void aCronDeclarationHasItsZoneArgumentsAndMisfirePolicy() {
		this.runner.withUserConfiguration(Declared.class).run((context) -> {
			TaskDefinitionRegistry registry = context.getBean(TaskDefinitionRegistry.class);
			ScheduleSpec nightly = registry.find("nightly").orElseThrow().schedule();
			assertThat(nightly.cron()).isEqualTo("0 0 3 * * *");
			assertThat(nightly.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
			assertThat(nightly.args()).containsExactly("acme", 3);
			assertThat(nightly.misfire()).isEqualTo(Misfire.SKIP);
			ScheduleSpec rate = registry.find("rate").orElseThrow().schedule();
			assertThat(rate.fixedRate()).isEqualTo(Duration.ofSeconds(10));
			assertThat(rate.kwargs()).isEqualTo(Map.of("currency", "EUR"));
			assertThat(rate.misfire()).isEqualTo(Misfire.RUN_ONCE);
			assertThat(registry.find("daily").orElseThrow().schedule().cron()).isEqualTo("@daily");
			assertThat(registry.find("plain").orElseThrow().schedule()).isNull();
		});
	}

	@Test
	void anInvalidCronFails() {
		assertStartupFails(new BadCron(), "cron 'every night' is not a cron expression");
	}

	@Test
	void cronAndFixedRateTogetherFail() {
		assertStartupFails(new Both(), "set either cron or fixedRate, not both");
	}

	@Test
	void anUnknownZoneFails() {
		assertStartupFails(new BadZone(), "zone 'Mars/Olympus' is not a time zone id");
	}

	@Test
	void argsThatAreNoJsonArrayOrObjectFail() {
		assertStartupFails(new BadArgs(), "args '[1, 2' is not JSON text");
		assertStartupFails(new ScalarArgs(), "args must be a JSON array (positional arguments) or object");
	}

	@Test
	void aMalformedRateFails() {
		assertStartupFails(new BadRate(), "fixedRate 'often' is not a duration");
	}

	@Test
	void scheduleAttributesWithoutAScheduleFail() {
		assertStartupFails(new ZoneOnly(), "zone and args apply to a schedule; set cron or fixedRate too");
	}

	private void assertStartupFails(Object tasks, String message) {
		this.runner.withBean("tasks", Object.class, () -> tasks).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(TaskDefinitionException.class)
				.hasMessageContaining("@QTask method")
				.hasMessageContaining(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Declared {

		@Bean
		Scheduled scheduled() {
			return new Scheduled();
		}

	}

	static class Scheduled {

		@QTask(name = "nightly", cron = "0 0 3 * * *", zone = "Europe/Paris", args = "[\"acme\", 3]",
				misfire = Misfire.SKIP)
		public String nightly(String customer, int copies) {
			return customer + copies;
		}

		@QTask(name = "rate", fixedRate = "10s", args = "{\"currency\": \"EUR\"}")
		public String rate(String currency) {
			return currency;
		}

		@QTask(name = "daily", cron = "@daily")
		public void daily() {
		}

		@QTask(name = "plain")
		public void plain() {
		}

	}

	static class BadCron {

		@QTask(cron = "every night")
		public void run() {
		}

	}

	static class Both {

		@QTask(cron = "@daily", fixedRate = "1h")
		public void run() {
		}

	}

	static class BadZone {

		@QTask(cron = "@daily", zone = "Mars/Olympus")
		public void run() {
		}

	}

	static class BadArgs {

		@QTask(cron = "@daily", args = "[1, 2")
		public void run() {
		}

	}

	static class ScalarArgs {

		@QTask(cron = "@daily", args = "42")
		public void run() {
		}

	}

	static class BadRate {

		@QTask(fixedRate = "often")
		public void run() {
		}

	}

	static class ZoneOnly {

		@QTask(zone = "UTC")
		public void run() {
		}

	}

}

package io.qtasks.sample;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.qtasks.QTasks;
import io.qtasks.test.QTasksTest;

import static io.qtasks.test.QTasksAssertions.assertThat;

/**
 * {@code fetch_rate}, tested inline with the test starter: its two timeouts are retried
 * at once, and a currency without a rate fails without a retry.
 *
 * @author QTasks contributors
 */
@QTasksTest(tasks = RateTasks.class)
class RateTasksTests {

	@Autowired
	private QTasks qtasks;

	@Test
	void succeedsOnTheThirdAttempt() {
		assertThat(this.qtasks.addTask("fetch_rate", "EUR")).succeeded()
			.hasReturning(new BigDecimal("0.92"))
			.tookAttempts(3);
	}

	@Test
	void anUnknownCurrencyFailsOnceTheServiceAnswersWithoutAFurtherRetry() {
		assertThat(this.qtasks.addTask("fetch_rate", "XYZ")).failedWith(IllegalArgumentException.class)
			.hasTracebackContaining("No rate for currency 'XYZ'")
			.tookAttempts(3);
	}

	@Test
	void readsTheRateAsJson() {
		assertThat(this.qtasks.addTask("fetch_rate", "JPY")).succeeded().hasReturning(151.3);
	}

}

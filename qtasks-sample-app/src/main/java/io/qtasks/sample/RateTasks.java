package io.qtasks.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * A task that fails twice, as a flaky remote service would, and succeeds on its third
 * attempt thanks to {@code retry} and {@code retryOn}.
 *
 * @author QTasks contributors
 */
@Component
public class RateTasks {

	private static final Map<String, BigDecimal> RATES = Map.of("EUR", new BigDecimal("0.92"), "GBP",
			new BigDecimal("0.79"), "JPY", new BigDecimal("151.30"));

	@QTask(name = "fetch_rate", retry = 3, retryOn = IOException.class, tags = "rates",
			description = "Reads a USD exchange rate from a service that times out twice")
	public BigDecimal fetchRate(String currency, TaskContext ctx) throws IOException {
		if (ctx.attempt() < 3) {
			throw new IOException("Rate service timed out (attempt " + ctx.attempt() + ")");
		}
		BigDecimal rate = RATES.get(currency);
		if (rate == null) {
			throw new IllegalArgumentException("No rate for currency '" + currency + "'");
		}
		return rate;
	}

}

package io.qtasks.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that asked for the Redis broker without Spring Data Redis.
 *
 * @author QTasks contributors
 */
class RedisBrokerUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<RedisBrokerUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisBrokerUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Add the dependency org.springframework.boot:spring-boot-starter-data-redis to the application and"
						+ " configure the connection with spring.data.redis.*, or set qtasks.broker.type=memory.",
				cause);
	}

}

package io.qtasks.autoconfigure;

/**
 * {@code qtasks.broker.type=redis} is set, but Spring Data Redis is missing.
 *
 * @author QTasks contributors
 */
class RedisBrokerUnavailableException extends IllegalStateException {

	static final String REQUIRED_CLASS = "org.springframework.data.redis.core.StringRedisTemplate";

	RedisBrokerUnavailableException() {
		super("qtasks.broker.type=redis needs Spring Data Redis, but " + REQUIRED_CLASS + " is not on the class path");
	}

}

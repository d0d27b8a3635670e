package io.qtasks.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fails start-up with a clear message when {@code qtasks.broker.type=redis} is set but
 * Spring Data Redis is not on the class path (instead of a bare "no bean of type
 * TaskBroker" later on).
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "redis")
@ConditionalOnMissingClass(RedisBrokerUnavailableException.REQUIRED_CLASS)
class RedisBrokerUnavailableConfiguration {

	@Bean
	static BeanFactoryPostProcessor qtasksRedisBrokerUnavailable() {
		return (beanFactory) -> {
			throw new RedisBrokerUnavailableException();
		};
	}

}

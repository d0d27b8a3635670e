package io.qtasks.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up with a clear message when {@code qtasks.broker.type=jdbc} is set but
 * Spring JDBC or the PostgreSQL driver is not on the class path.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "jdbc")
class JdbcBrokerUnavailableConfiguration {

	@Bean
	static BeanFactoryPostProcessor qtasksJdbcBrokerUnavailable() {
		return (beanFactory) -> {
			ClassLoader classLoader = beanFactory.getBeanClassLoader();
			for (String required : new String[] { JdbcBrokerUnavailableException.JDBC_CLASS,
					JdbcBrokerUnavailableException.DRIVER_CLASS }) {
				if (!ClassUtils.isPresent(required, classLoader)) {
					throw new JdbcBrokerUnavailableException("qtasks.broker.type=jdbc needs Spring JDBC and the"
							+ " PostgreSQL driver, but " + required + " is not on the class path");
				}
			}
		};
	}

}

package io.qtasks.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.actuate.QTasksEndpoint;
import io.qtasks.actuate.QTasksEndpointWebExtension;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.WorkerNodeRegistry;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.storage.TaskStorage;

/**
 * Auto-configuration of the {@code qtasks} actuator endpoint, when Spring Boot Actuator
 * is present and the endpoint is available (Boot's access and exposure rules, e.g.
 * {@code management.endpoints.web.exposure.include=qtasks}).
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public final class QTasksEndpointAutoConfiguration {

	// Nested, so that the actuator's condition is only looked at when actuator is there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(QTasksEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnBean(TaskBroker.class)
		@ConditionalOnMissingBean
		QTasksEndpoint qtasksEndpoint(TaskBroker broker, TaskStorage storage, TaskDefinitionRegistry definitions,
				WorkerNodeRegistry nodes) {
			return new QTasksEndpoint(broker, storage, definitions, nodes);
		}

		@Bean
		@ConditionalOnBean(QTasksEndpoint.class)
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		QTasksEndpointWebExtension qtasksEndpointWebExtension(QTasksEndpoint endpoint) {
			return new QTasksEndpointWebExtension(endpoint);
		}

	}

}

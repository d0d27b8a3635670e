package io.qtasks.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import io.qtasks.actuate.EndpointWriteAccess;
import io.qtasks.actuate.QTasksEndpoint;
import io.qtasks.actuate.QTasksEndpointWebExtension;
import io.qtasks.engine.TaskEngine;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.definition.TaskDefinitionRegistry;

/**
 * Auto-configuration of the {@code qtasks} actuator endpoint, when Spring Boot Actuator
 * is present and the endpoint is available (Boot's access and exposure rules, e.g.
 * {@code management.endpoints.web.exposure.include=qtasks}). With Spring Security in the
 * application, cancel and requeue need one of {@code management.endpoint.qtasks.roles}.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public final class QTasksEndpointAutoConfiguration {

	// Nested, so that the actuator's condition is only looked at when actuator is there.
	private static final String SPRING_SECURITY_WEB = "org.springframework.security.web.SecurityFilterChain";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(QTasksEndpoint.class)
	@EnableConfigurationProperties(QTasksEndpointProperties.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnBean(TaskEngine.class)
		@ConditionalOnMissingBean
		QTasksEndpoint qtasksEndpoint(TaskEngine engine, TaskDefinitionRegistry definitions, WorkerNodeRegistry nodes) {
			return new QTasksEndpoint(engine, definitions, nodes);
		}

		@Bean
		@ConditionalOnBean(QTasksEndpoint.class)
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		QTasksEndpointWebExtension qtasksEndpointWebExtension(QTasksEndpoint endpoint,
				QTasksEndpointProperties properties, ApplicationContext context) {
			EndpointWriteAccess writeAccess = isSecured(context)
					? EndpointWriteAccess.springSecurity(properties.getRoles()) : EndpointWriteAccess.unsecured();
			return new QTasksEndpointWebExtension(endpoint, writeAccess);
		}

		/**
		 * Whether Spring Security guards the application's web requests: its classes are
		 * there and at least one filter chain is defined.
		 */
		private static boolean isSecured(ApplicationContext context) {
			if (!ClassUtils.isPresent(SPRING_SECURITY_WEB, context.getClassLoader())) {
				return false;
			}
			Class<?> filterChain = ClassUtils.resolveClassName(SPRING_SECURITY_WEB, context.getClassLoader());
			return context.getBeanNamesForType(filterChain, true, false).length > 0;
		}

	}

}

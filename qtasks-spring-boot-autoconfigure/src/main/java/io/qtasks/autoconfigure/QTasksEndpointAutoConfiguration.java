package io.qtasks.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import io.qtasks.TaskSchedules;
import io.qtasks.actuate.EndpointWriteAccess;
import io.qtasks.actuate.QTasksEndpoint;
import io.qtasks.actuate.QTasksEndpointJmxExtension;
import io.qtasks.actuate.QTasksEndpointWebExtension;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * Auto-configuration of the {@code qtasks} actuator endpoint, when Spring Boot Actuator
 * is present and the endpoint is available (Boot's access and exposure rules, e.g.
 * {@code management.endpoints.web.exposure.include=qtasks}).
 * <p>
 * Who may cancel and requeue, and pause, resume and remove schedules, over HTTP: with
 * Spring Security guarding the application's web requests (servlet or reactive), a user
 * with one of {@code management.endpoint.qtasks.roles}; without it, nobody, unless the
 * endpoint's access is set to {@code unrestricted} explicitly.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public final class QTasksEndpointAutoConfiguration {

	// Nested, so that the actuator's condition is only looked at when actuator is there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(QTasksEndpoint.class)
	@EnableConfigurationProperties(QTasksEndpointProperties.class)
	static class EndpointConfiguration {

		private static final EndpointId ENDPOINT_ID = EndpointId.of("qtasks");

		/**
		 * Servlet and reactive filter chains: any of them means Spring Security guards
		 * the web requests. Boot's default security defines one of them too.
		 */
		private static final List<String> SPRING_SECURITY_FILTER_CHAINS = List.of(
				"org.springframework.security.web.SecurityFilterChain",
				"org.springframework.security.web.server.SecurityWebFilterChain",
				"org.springframework.security.web.server.WebFilterChainProxy");

		private static final String WRITES_OFF = "Cancel and requeue are off: this application has no Spring Security"
				+ " to check who asks. Add Spring Security (writes then need a role of management.endpoint.qtasks.roles),"
				+ " or set management.endpoint.qtasks.access=unrestricted to let every caller that reaches the"
				+ " endpoint cancel and requeue.";

		@Bean
		@ConditionalOnBean(TaskEngine.class)
		@ConditionalOnMissingBean
		QTasksEndpoint qtasksEndpoint(TaskEngine engine, TaskDefinitionRegistry definitions, WorkerNodeRegistry nodes,
				ObjectProvider<TaskSchedules> schedules) {
			return new QTasksEndpoint(engine, definitions, nodes, schedules.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(endpoint = QTasksEndpoint.class, exposure = EndpointExposure.WEB)
		EndpointWriteAccess qtasksEndpointWriteAccess(QTasksEndpointProperties properties, ApplicationContext context) {
			if (isSecured(context)) {
				return EndpointWriteAccess.roles(properties.getRoles());
			}
			return isExplicitlyUnrestricted(context) ? EndpointWriteAccess.unrestricted()
					: EndpointWriteAccess.off(WRITES_OFF);
		}

		@Bean
		@ConditionalOnBean(QTasksEndpoint.class)
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		QTasksEndpointWebExtension qtasksEndpointWebExtension(QTasksEndpoint endpoint,
				EndpointWriteAccess writeAccess) {
			return new QTasksEndpointWebExtension(endpoint, writeAccess);
		}

		@Bean
		@ConditionalOnBean(QTasksEndpoint.class)
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.JMX)
		QTasksEndpointJmxExtension qtasksEndpointJmxExtension(QTasksEndpoint endpoint) {
			return new QTasksEndpointJmxExtension(endpoint);
		}

		/**
		 * Whether Spring Security guards the application's web requests: its classes are
		 * there and a servlet or reactive filter chain is defined.
		 */
		private static boolean isSecured(ApplicationContext context) {
			ClassLoader classLoader = context.getClassLoader();
			for (String filterChain : SPRING_SECURITY_FILTER_CHAINS) {
				if (ClassUtils.isPresent(filterChain, classLoader)
						&& context.getBeanNamesForType(ClassUtils.resolveClassName(filterChain, classLoader), true,
								false).length > 0) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether Boot's access properties make the endpoint unrestricted when its own
		 * default is taken as read-only: {@code management.endpoint.qtasks.access}, else
		 * {@code management.endpoints.access.default}, capped by
		 * {@code management.endpoints.access.max-permitted}. A resolver of its own, since
		 * the application's caches one answer per endpoint whatever default it was asked
		 * with.
		 */
		private static boolean isExplicitlyUnrestricted(ApplicationContext context) {
			return new PropertiesEndpointAccessResolver(context.getEnvironment()).accessFor(ENDPOINT_ID,
					Access.READ_ONLY) == Access.UNRESTRICTED;
		}

	}

}

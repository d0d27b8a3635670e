package io.qtasks.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.actuate.QTasksEndpoint;
import io.qtasks.actuate.QTasksEndpointWebExtension;
import io.qtasks.dashboard.DashboardPage;
import io.qtasks.dashboard.DashboardWebFluxConfigurer;
import io.qtasks.dashboard.DashboardWebMvcConfigurer;

/**
 * Auto-configuration of the dashboard at {@code qtasks.dashboard.path} ({@code /qtasks}):
 * on when {@code qtasks.dashboard.enabled} is not {@code false}, Spring MVC or WebFlux
 * serves the application, and the {@code qtasks} endpoint is exposed over HTTP on the
 * application's own port (the page talks only to that endpoint, relative to itself).
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksEndpointAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBooleanProperty(name = "qtasks.dashboard.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
public final class QTasksDashboardAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(endpoint = QTasksEndpoint.class, exposure = EndpointExposure.WEB)
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	@ConditionalOnBean({ QTasksEndpointWebExtension.class, PathMappedEndpoints.class })
	@EnableConfigurationProperties(QTasksDashboardProperties.class)
	static class DashboardConfiguration {

		private static final EndpointId ENDPOINT_ID = EndpointId.of("qtasks");

		@Bean
		@ConditionalOnMissingBean
		DashboardPage qtasksDashboardPage(QTasksDashboardProperties properties, PathMappedEndpoints endpoints) {
			String endpointPath = endpoints.getPath(ENDPOINT_ID);
			if (endpointPath == null) {
				throw new IllegalStateException("The qtasks endpoint has no web path; the dashboard needs it");
			}
			return new DashboardPage(properties.getPath(), endpointPath);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
		static class WebMvcDashboardConfiguration {

			@Bean
			DashboardWebMvcConfigurer qtasksDashboardWebMvcConfigurer(DashboardPage page) {
				return new DashboardWebMvcConfigurer(page);
			}

			@Bean
			org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> qtasksDashboardRoutes(
					DashboardWebMvcConfigurer configurer) {
				return configurer.routes();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		@ConditionalOnClass(name = "org.springframework.web.reactive.config.WebFluxConfigurer")
		static class WebFluxDashboardConfiguration {

			@Bean
			DashboardWebFluxConfigurer qtasksDashboardWebFluxConfigurer(DashboardPage page) {
				return new DashboardWebFluxConfigurer(page);
			}

			@Bean
			org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> qtasksDashboardReactiveRoutes(
					DashboardWebFluxConfigurer configurer) {
				return configurer.routes();
			}

		}

	}

}

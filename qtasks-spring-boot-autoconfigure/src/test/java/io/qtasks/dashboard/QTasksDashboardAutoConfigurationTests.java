package io.qtasks.dashboard;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksDashboardAutoConfiguration;
import io.qtasks.autoconfigure.QTasksEndpointAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the dashboard is served: a web application, the endpoint exposed over HTTP on the
 * application's port, the dashboard not turned off; and a bad path fails start-up.
 *
 * @author QTasks contributors
 */
class QTasksDashboardAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(JacksonAutoConfiguration.class,
			QTasksAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
			QTasksEndpointAutoConfiguration.class, QTasksDashboardAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("management.endpoints.web.exposure.include=qtasks", "qtasks.worker.enabled=false");

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("management.endpoints.web.exposure.include=qtasks", "qtasks.worker.enabled=false");

	@Test
	void servletApplicationsGetTheSpringMvcDashboard() {
		this.servlet.run((context) -> {
			assertThat(context).hasSingleBean(DashboardPage.class)
				.hasSingleBean(DashboardWebMvcConfigurer.class)
				.doesNotHaveBean(DashboardWebFluxConfigurer.class);
			assertThat(context.getBean(DashboardPage.class).path()).isEqualTo("/qtasks");
		});
	}

	@Test
	void reactiveApplicationsGetTheWebFluxDashboard() {
		this.reactive.run((context) -> assertThat(context).hasSingleBean(DashboardWebFluxConfigurer.class)
			.doesNotHaveBean(DashboardWebMvcConfigurer.class));
	}

	@Test
	void noDashboardWhenDisabled() {
		this.servlet.withPropertyValues("qtasks.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class)
				.doesNotHaveBean(WebMvcConfigurer.class));
		this.reactive.withPropertyValues("qtasks.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebFluxConfigurer.class));
	}

	@Test
	void noDashboardWhenTheEndpointIsNotExposedOverHttp() {
		this.servlet.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
	}

	@Test
	void noDashboardWhenTheActuatorIsOnAnotherPort() {
		this.servlet.withPropertyValues("management.server.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
	}

	@Test
	void noDashboardOutsideAWebApplicationOrWithoutTheActuator() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("management.endpoints.web.exposure.include=qtasks", "qtasks.worker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class,
					QTasksDashboardAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardPage.class));
	}

	@Test
	void aPathThatIsNoPlainPathFailsStartUp() {
		for (String path : new String[] { "qtasks", "/qtasks/", "/", "/q tasks", "/a/../b", "/tasks/**" }) {
			this.servlet.withPropertyValues("qtasks.dashboard.path=" + path)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("qtasks.dashboard.path must be a path below the root")
					.hasMessageContaining("was '" + path + "'"));
		}
	}

}
